/* The reference implementation's functions (softfloat-ref.c): the
 * public functions of engine/softfloat.h under the prefix ref_. */
#pragma once

#include "engine/softfloat.h"

uint32_t ref_f32_add (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t ref_f32_sub (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t ref_f32_mul (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t ref_f32_div (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t ref_f32_sqrt (MdlFpStatus *st, uint32_t a);
uint32_t ref_f32_muladd (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c);
uint64_t ref_f64_add (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t ref_f64_sub (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t ref_f64_mul (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t ref_f64_div (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t ref_f64_sqrt (MdlFpStatus *st, uint64_t a);
uint64_t ref_f64_muladd (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c);
uint32_t ref_f32_muladd_scaled (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c, int scale);
uint64_t ref_f64_muladd_scaled (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c, int scale);
bool ref_f32_eq (MdlFpStatus *st, uint32_t a, uint32_t b);
bool ref_f32_lt (MdlFpStatus *st, uint32_t a, uint32_t b);
bool ref_f32_le (MdlFpStatus *st, uint32_t a, uint32_t b);
bool ref_f64_eq (MdlFpStatus *st, uint64_t a, uint64_t b);
bool ref_f64_lt (MdlFpStatus *st, uint64_t a, uint64_t b);
bool ref_f64_le (MdlFpStatus *st, uint64_t a, uint64_t b);
uint32_t ref_f32_min_num (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t ref_f32_max_num (MdlFpStatus *st, uint32_t a, uint32_t b);
uint64_t ref_f64_min_num (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t ref_f64_max_num (MdlFpStatus *st, uint64_t a, uint64_t b);
unsigned ref_f32_classify (uint32_t a);
unsigned ref_f64_classify (uint64_t a);
bool ref_f32_is_nan (uint32_t a);
bool ref_f64_is_nan (uint64_t a);
bool ref_f32_is_signaling_nan (uint32_t a);
bool ref_f64_is_signaling_nan (uint64_t a);
int32_t ref_f32_to_i32 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
uint32_t ref_f32_to_u32 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
int64_t ref_f32_to_i64 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
uint64_t ref_f32_to_u64 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
int32_t ref_f64_to_i32 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
uint32_t ref_f64_to_u32 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
int64_t ref_f64_to_i64 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
uint64_t ref_f64_to_u64 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
uint64_t ref_f32_to_fixed (MdlFpStatus *st, uint32_t a, int fbits, MdlFpRound round, bool is_signed,
                           int width);
uint64_t ref_f64_to_fixed (MdlFpStatus *st, uint64_t a, int fbits, MdlFpRound round, bool is_signed,
                           int width);
uint32_t ref_i64_to_f32_fixed (MdlFpStatus *st, int64_t a, int fbits);
uint32_t ref_u64_to_f32_fixed (MdlFpStatus *st, uint64_t a, int fbits);
uint64_t ref_i64_to_f64_fixed (MdlFpStatus *st, int64_t a, int fbits);
uint64_t ref_u64_to_f64_fixed (MdlFpStatus *st, uint64_t a, int fbits);
uint32_t ref_i32_to_f32 (MdlFpStatus *st, int32_t a);
uint32_t ref_u32_to_f32 (MdlFpStatus *st, uint32_t a);
uint32_t ref_i64_to_f32 (MdlFpStatus *st, int64_t a);
uint32_t ref_u64_to_f32 (MdlFpStatus *st, uint64_t a);
uint64_t ref_i32_to_f64 (MdlFpStatus *st, int32_t a);
uint64_t ref_u32_to_f64 (MdlFpStatus *st, uint32_t a);
uint64_t ref_i64_to_f64 (MdlFpStatus *st, int64_t a);
uint64_t ref_u64_to_f64 (MdlFpStatus *st, uint64_t a);
uint64_t ref_f32_to_f64 (MdlFpStatus *st, uint32_t a);
uint32_t ref_f64_to_f32 (MdlFpStatus *st, uint64_t a);
uint16_t ref_f32_to_f16 (MdlFpStatus *st, uint32_t a);
uint32_t ref_f16_to_f32 (MdlFpStatus *st, uint16_t a);
uint32_t ref_f32_round_int (MdlFpStatus *st, uint32_t a, MdlFpRound round, bool exact);
uint64_t ref_f64_round_int (MdlFpStatus *st, uint64_t a, MdlFpRound round, bool exact);
