// Written by simd-int-gen.py: every form of simd-int.c, for
// test-aarch64-simd-objdump.py.
	ld1 {v4.8b}, [x1]
	ld1 {v4.8b}, [x1], #8
	ld1 {v4.8b}, [x1], x2
	ld1 {v4.16b}, [x1]
	ld1 {v4.16b}, [x1], #16
	ld1 {v4.16b}, [x1], x2
	ld1 {v4.4h}, [x1]
	ld1 {v4.4h}, [x1], #8
	ld1 {v4.4h}, [x1], x2
	ld1 {v4.8h}, [x1]
	ld1 {v4.8h}, [x1], #16
	ld1 {v4.8h}, [x1], x2
	ld1 {v4.2s}, [x1]
	ld1 {v4.2s}, [x1], #8
	ld1 {v4.2s}, [x1], x2
	ld1 {v4.4s}, [x1]
	ld1 {v4.4s}, [x1], #16
	ld1 {v4.4s}, [x1], x2
	ld1 {v4.1d}, [x1]
	ld1 {v4.1d}, [x1], #8
	ld1 {v4.1d}, [x1], x2
	ld1 {v4.2d}, [x1]
	ld1 {v4.2d}, [x1], #16
	ld1 {v4.2d}, [x1], x2
	ld1 {v0.16b, v1.16b}, [x1]
	ld1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	ld1 {v31.2d, v0.2d}, [x1]
	ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	ld2 {v4.8b, v5.8b}, [x1]
	ld2 {v4.8b, v5.8b}, [x1], #16
	ld2 {v4.8b, v5.8b}, [x1], x2
	ld2 {v4.16b, v5.16b}, [x1]
	ld2 {v4.16b, v5.16b}, [x1], #32
	ld2 {v4.16b, v5.16b}, [x1], x2
	ld2 {v4.4h, v5.4h}, [x1]
	ld2 {v4.4h, v5.4h}, [x1], #16
	ld2 {v4.4h, v5.4h}, [x1], x2
	ld2 {v4.8h, v5.8h}, [x1]
	ld2 {v4.8h, v5.8h}, [x1], #32
	ld2 {v4.8h, v5.8h}, [x1], x2
	ld2 {v4.2s, v5.2s}, [x1]
	ld2 {v4.2s, v5.2s}, [x1], #16
	ld2 {v4.2s, v5.2s}, [x1], x2
	ld2 {v4.4s, v5.4s}, [x1]
	ld2 {v4.4s, v5.4s}, [x1], #32
	ld2 {v4.4s, v5.4s}, [x1], x2
	ld2 {v4.2d, v5.2d}, [x1]
	ld2 {v4.2d, v5.2d}, [x1], #32
	ld2 {v4.2d, v5.2d}, [x1], x2
	ld1 {v0.16b, v1.16b}, [x1]
	ld1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	ld1 {v31.2d, v0.2d}, [x1]
	ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	ld3 {v4.8b, v5.8b, v6.8b}, [x1]
	ld3 {v4.8b, v5.8b, v6.8b}, [x1], #24
	ld3 {v4.8b, v5.8b, v6.8b}, [x1], x2
	ld3 {v4.16b, v5.16b, v6.16b}, [x1]
	ld3 {v4.16b, v5.16b, v6.16b}, [x1], #48
	ld3 {v4.16b, v5.16b, v6.16b}, [x1], x2
	ld3 {v4.4h, v5.4h, v6.4h}, [x1]
	ld3 {v4.4h, v5.4h, v6.4h}, [x1], #24
	ld3 {v4.4h, v5.4h, v6.4h}, [x1], x2
	ld3 {v4.8h, v5.8h, v6.8h}, [x1]
	ld3 {v4.8h, v5.8h, v6.8h}, [x1], #48
	ld3 {v4.8h, v5.8h, v6.8h}, [x1], x2
	ld3 {v4.2s, v5.2s, v6.2s}, [x1]
	ld3 {v4.2s, v5.2s, v6.2s}, [x1], #24
	ld3 {v4.2s, v5.2s, v6.2s}, [x1], x2
	ld3 {v4.4s, v5.4s, v6.4s}, [x1]
	ld3 {v4.4s, v5.4s, v6.4s}, [x1], #48
	ld3 {v4.4s, v5.4s, v6.4s}, [x1], x2
	ld3 {v4.2d, v5.2d, v6.2d}, [x1]
	ld3 {v4.2d, v5.2d, v6.2d}, [x1], #48
	ld3 {v4.2d, v5.2d, v6.2d}, [x1], x2
	ld1 {v0.16b, v1.16b}, [x1]
	ld1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	ld1 {v31.2d, v0.2d}, [x1]
	ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	ld4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1]
	ld4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1], #32
	ld4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1], x2
	ld4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1]
	ld4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], #64
	ld4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], x2
	ld4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1]
	ld4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1], #32
	ld4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1], x2
	ld4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1]
	ld4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1], #64
	ld4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1], x2
	ld4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1]
	ld4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1], #32
	ld4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1], x2
	ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1]
	ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1], #64
	ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1], x2
	ld4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1]
	ld4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], #64
	ld4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], x2
	ld1 {v0.16b, v1.16b}, [x1]
	ld1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	ld1 {v31.2d, v0.2d}, [x1]
	ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	ld1 {v4.b}[0], [x1]
	ld1 {v4.b}[15], [x1]
	ld1 {v4.b}[15], [x1], #1
	ld1 {v4.b}[1], [x1], x2
	ld1 {v4.h}[0], [x1]
	ld1 {v4.h}[7], [x1]
	ld1 {v4.h}[7], [x1], #2
	ld1 {v4.h}[1], [x1], x2
	ld1 {v4.s}[0], [x1]
	ld1 {v4.s}[3], [x1]
	ld1 {v4.s}[3], [x1], #4
	ld1 {v4.s}[1], [x1], x2
	ld1 {v4.d}[0], [x1]
	ld1 {v4.d}[1], [x1]
	ld1 {v4.d}[1], [x1], #8
	ld1 {v4.d}[1], [x1], x2
	ld2 {v4.b, v5.b}[0], [x1]
	ld2 {v4.b, v5.b}[15], [x1]
	ld2 {v4.b, v5.b}[15], [x1], #2
	ld2 {v4.b, v5.b}[1], [x1], x2
	ld2 {v4.h, v5.h}[0], [x1]
	ld2 {v4.h, v5.h}[7], [x1]
	ld2 {v4.h, v5.h}[7], [x1], #4
	ld2 {v4.h, v5.h}[1], [x1], x2
	ld2 {v4.s, v5.s}[0], [x1]
	ld2 {v4.s, v5.s}[3], [x1]
	ld2 {v4.s, v5.s}[3], [x1], #8
	ld2 {v4.s, v5.s}[1], [x1], x2
	ld2 {v4.d, v5.d}[0], [x1]
	ld2 {v4.d, v5.d}[1], [x1]
	ld2 {v4.d, v5.d}[1], [x1], #16
	ld2 {v4.d, v5.d}[1], [x1], x2
	ld3 {v4.b, v5.b, v6.b}[0], [x1]
	ld3 {v4.b, v5.b, v6.b}[15], [x1]
	ld3 {v4.b, v5.b, v6.b}[15], [x1], #3
	ld3 {v4.b, v5.b, v6.b}[1], [x1], x2
	ld3 {v4.h, v5.h, v6.h}[0], [x1]
	ld3 {v4.h, v5.h, v6.h}[7], [x1]
	ld3 {v4.h, v5.h, v6.h}[7], [x1], #6
	ld3 {v4.h, v5.h, v6.h}[1], [x1], x2
	ld3 {v4.s, v5.s, v6.s}[0], [x1]
	ld3 {v4.s, v5.s, v6.s}[3], [x1]
	ld3 {v4.s, v5.s, v6.s}[3], [x1], #12
	ld3 {v4.s, v5.s, v6.s}[1], [x1], x2
	ld3 {v4.d, v5.d, v6.d}[0], [x1]
	ld3 {v4.d, v5.d, v6.d}[1], [x1]
	ld3 {v4.d, v5.d, v6.d}[1], [x1], #24
	ld3 {v4.d, v5.d, v6.d}[1], [x1], x2
	ld4 {v4.b, v5.b, v6.b, v7.b}[0], [x1]
	ld4 {v4.b, v5.b, v6.b, v7.b}[15], [x1]
	ld4 {v4.b, v5.b, v6.b, v7.b}[15], [x1], #4
	ld4 {v4.b, v5.b, v6.b, v7.b}[1], [x1], x2
	ld4 {v4.h, v5.h, v6.h, v7.h}[0], [x1]
	ld4 {v4.h, v5.h, v6.h, v7.h}[7], [x1]
	ld4 {v4.h, v5.h, v6.h, v7.h}[7], [x1], #8
	ld4 {v4.h, v5.h, v6.h, v7.h}[1], [x1], x2
	ld4 {v4.s, v5.s, v6.s, v7.s}[0], [x1]
	ld4 {v4.s, v5.s, v6.s, v7.s}[3], [x1]
	ld4 {v4.s, v5.s, v6.s, v7.s}[3], [x1], #16
	ld4 {v4.s, v5.s, v6.s, v7.s}[1], [x1], x2
	ld4 {v4.d, v5.d, v6.d, v7.d}[0], [x1]
	ld4 {v4.d, v5.d, v6.d, v7.d}[1], [x1]
	ld4 {v4.d, v5.d, v6.d, v7.d}[1], [x1], #32
	ld4 {v4.d, v5.d, v6.d, v7.d}[1], [x1], x2
	st1 {v4.8b}, [x1]
	st1 {v4.8b}, [x1], #8
	st1 {v4.8b}, [x1], x2
	st1 {v4.16b}, [x1]
	st1 {v4.16b}, [x1], #16
	st1 {v4.16b}, [x1], x2
	st1 {v4.4h}, [x1]
	st1 {v4.4h}, [x1], #8
	st1 {v4.4h}, [x1], x2
	st1 {v4.8h}, [x1]
	st1 {v4.8h}, [x1], #16
	st1 {v4.8h}, [x1], x2
	st1 {v4.2s}, [x1]
	st1 {v4.2s}, [x1], #8
	st1 {v4.2s}, [x1], x2
	st1 {v4.4s}, [x1]
	st1 {v4.4s}, [x1], #16
	st1 {v4.4s}, [x1], x2
	st1 {v4.1d}, [x1]
	st1 {v4.1d}, [x1], #8
	st1 {v4.1d}, [x1], x2
	st1 {v4.2d}, [x1]
	st1 {v4.2d}, [x1], #16
	st1 {v4.2d}, [x1], x2
	st1 {v0.16b, v1.16b}, [x1]
	st1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	st1 {v31.2d, v0.2d}, [x1]
	st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	st2 {v4.8b, v5.8b}, [x1]
	st2 {v4.8b, v5.8b}, [x1], #16
	st2 {v4.8b, v5.8b}, [x1], x2
	st2 {v4.16b, v5.16b}, [x1]
	st2 {v4.16b, v5.16b}, [x1], #32
	st2 {v4.16b, v5.16b}, [x1], x2
	st2 {v4.4h, v5.4h}, [x1]
	st2 {v4.4h, v5.4h}, [x1], #16
	st2 {v4.4h, v5.4h}, [x1], x2
	st2 {v4.8h, v5.8h}, [x1]
	st2 {v4.8h, v5.8h}, [x1], #32
	st2 {v4.8h, v5.8h}, [x1], x2
	st2 {v4.2s, v5.2s}, [x1]
	st2 {v4.2s, v5.2s}, [x1], #16
	st2 {v4.2s, v5.2s}, [x1], x2
	st2 {v4.4s, v5.4s}, [x1]
	st2 {v4.4s, v5.4s}, [x1], #32
	st2 {v4.4s, v5.4s}, [x1], x2
	st2 {v4.2d, v5.2d}, [x1]
	st2 {v4.2d, v5.2d}, [x1], #32
	st2 {v4.2d, v5.2d}, [x1], x2
	st1 {v0.16b, v1.16b}, [x1]
	st1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	st1 {v31.2d, v0.2d}, [x1]
	st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	st3 {v4.8b, v5.8b, v6.8b}, [x1]
	st3 {v4.8b, v5.8b, v6.8b}, [x1], #24
	st3 {v4.8b, v5.8b, v6.8b}, [x1], x2
	st3 {v4.16b, v5.16b, v6.16b}, [x1]
	st3 {v4.16b, v5.16b, v6.16b}, [x1], #48
	st3 {v4.16b, v5.16b, v6.16b}, [x1], x2
	st3 {v4.4h, v5.4h, v6.4h}, [x1]
	st3 {v4.4h, v5.4h, v6.4h}, [x1], #24
	st3 {v4.4h, v5.4h, v6.4h}, [x1], x2
	st3 {v4.8h, v5.8h, v6.8h}, [x1]
	st3 {v4.8h, v5.8h, v6.8h}, [x1], #48
	st3 {v4.8h, v5.8h, v6.8h}, [x1], x2
	st3 {v4.2s, v5.2s, v6.2s}, [x1]
	st3 {v4.2s, v5.2s, v6.2s}, [x1], #24
	st3 {v4.2s, v5.2s, v6.2s}, [x1], x2
	st3 {v4.4s, v5.4s, v6.4s}, [x1]
	st3 {v4.4s, v5.4s, v6.4s}, [x1], #48
	st3 {v4.4s, v5.4s, v6.4s}, [x1], x2
	st3 {v4.2d, v5.2d, v6.2d}, [x1]
	st3 {v4.2d, v5.2d, v6.2d}, [x1], #48
	st3 {v4.2d, v5.2d, v6.2d}, [x1], x2
	st1 {v0.16b, v1.16b}, [x1]
	st1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	st1 {v31.2d, v0.2d}, [x1]
	st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	st4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1]
	st4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1], #32
	st4 {v4.8b, v5.8b, v6.8b, v7.8b}, [x1], x2
	st4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1]
	st4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], #64
	st4 {v4.16b, v5.16b, v6.16b, v7.16b}, [x1], x2
	st4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1]
	st4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1], #32
	st4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1], x2
	st4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1]
	st4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1], #64
	st4 {v4.8h, v5.8h, v6.8h, v7.8h}, [x1], x2
	st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1]
	st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1], #32
	st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1], x2
	st4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1]
	st4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1], #64
	st4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x1], x2
	st4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1]
	st4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], #64
	st4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x1], x2
	st1 {v0.16b, v1.16b}, [x1]
	st1 {v0.16b, v1.16b, v2.16b}, [x1], #48
	st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2
	st1 {v31.2d, v0.2d}, [x1]
	st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	st1 {v4.b}[0], [x1]
	st1 {v4.b}[15], [x1]
	st1 {v4.b}[15], [x1], #1
	st1 {v4.b}[1], [x1], x2
	st1 {v4.h}[0], [x1]
	st1 {v4.h}[7], [x1]
	st1 {v4.h}[7], [x1], #2
	st1 {v4.h}[1], [x1], x2
	st1 {v4.s}[0], [x1]
	st1 {v4.s}[3], [x1]
	st1 {v4.s}[3], [x1], #4
	st1 {v4.s}[1], [x1], x2
	st1 {v4.d}[0], [x1]
	st1 {v4.d}[1], [x1]
	st1 {v4.d}[1], [x1], #8
	st1 {v4.d}[1], [x1], x2
	st2 {v4.b, v5.b}[0], [x1]
	st2 {v4.b, v5.b}[15], [x1]
	st2 {v4.b, v5.b}[15], [x1], #2
	st2 {v4.b, v5.b}[1], [x1], x2
	st2 {v4.h, v5.h}[0], [x1]
	st2 {v4.h, v5.h}[7], [x1]
	st2 {v4.h, v5.h}[7], [x1], #4
	st2 {v4.h, v5.h}[1], [x1], x2
	st2 {v4.s, v5.s}[0], [x1]
	st2 {v4.s, v5.s}[3], [x1]
	st2 {v4.s, v5.s}[3], [x1], #8
	st2 {v4.s, v5.s}[1], [x1], x2
	st2 {v4.d, v5.d}[0], [x1]
	st2 {v4.d, v5.d}[1], [x1]
	st2 {v4.d, v5.d}[1], [x1], #16
	st2 {v4.d, v5.d}[1], [x1], x2
	st3 {v4.b, v5.b, v6.b}[0], [x1]
	st3 {v4.b, v5.b, v6.b}[15], [x1]
	st3 {v4.b, v5.b, v6.b}[15], [x1], #3
	st3 {v4.b, v5.b, v6.b}[1], [x1], x2
	st3 {v4.h, v5.h, v6.h}[0], [x1]
	st3 {v4.h, v5.h, v6.h}[7], [x1]
	st3 {v4.h, v5.h, v6.h}[7], [x1], #6
	st3 {v4.h, v5.h, v6.h}[1], [x1], x2
	st3 {v4.s, v5.s, v6.s}[0], [x1]
	st3 {v4.s, v5.s, v6.s}[3], [x1]
	st3 {v4.s, v5.s, v6.s}[3], [x1], #12
	st3 {v4.s, v5.s, v6.s}[1], [x1], x2
	st3 {v4.d, v5.d, v6.d}[0], [x1]
	st3 {v4.d, v5.d, v6.d}[1], [x1]
	st3 {v4.d, v5.d, v6.d}[1], [x1], #24
	st3 {v4.d, v5.d, v6.d}[1], [x1], x2
	st4 {v4.b, v5.b, v6.b, v7.b}[0], [x1]
	st4 {v4.b, v5.b, v6.b, v7.b}[15], [x1]
	st4 {v4.b, v5.b, v6.b, v7.b}[15], [x1], #4
	st4 {v4.b, v5.b, v6.b, v7.b}[1], [x1], x2
	st4 {v4.h, v5.h, v6.h, v7.h}[0], [x1]
	st4 {v4.h, v5.h, v6.h, v7.h}[7], [x1]
	st4 {v4.h, v5.h, v6.h, v7.h}[7], [x1], #8
	st4 {v4.h, v5.h, v6.h, v7.h}[1], [x1], x2
	st4 {v4.s, v5.s, v6.s, v7.s}[0], [x1]
	st4 {v4.s, v5.s, v6.s, v7.s}[3], [x1]
	st4 {v4.s, v5.s, v6.s, v7.s}[3], [x1], #16
	st4 {v4.s, v5.s, v6.s, v7.s}[1], [x1], x2
	st4 {v4.d, v5.d, v6.d, v7.d}[0], [x1]
	st4 {v4.d, v5.d, v6.d, v7.d}[1], [x1]
	st4 {v4.d, v5.d, v6.d, v7.d}[1], [x1], #32
	st4 {v4.d, v5.d, v6.d, v7.d}[1], [x1], x2
	ld1r {v30.8b}, [x1]
	ld1r {v30.8b}, [x1], #1
	ld1r {v30.8b}, [x1], x2
	ld1r {v30.16b}, [x1]
	ld1r {v30.16b}, [x1], #1
	ld1r {v30.16b}, [x1], x2
	ld1r {v30.4h}, [x1]
	ld1r {v30.4h}, [x1], #2
	ld1r {v30.4h}, [x1], x2
	ld1r {v30.8h}, [x1]
	ld1r {v30.8h}, [x1], #2
	ld1r {v30.8h}, [x1], x2
	ld1r {v30.2s}, [x1]
	ld1r {v30.2s}, [x1], #4
	ld1r {v30.2s}, [x1], x2
	ld1r {v30.4s}, [x1]
	ld1r {v30.4s}, [x1], #4
	ld1r {v30.4s}, [x1], x2
	ld1r {v30.1d}, [x1]
	ld1r {v30.1d}, [x1], #8
	ld1r {v30.1d}, [x1], x2
	ld1r {v30.2d}, [x1]
	ld1r {v30.2d}, [x1], #8
	ld1r {v30.2d}, [x1], x2
	ld2r {v30.8b, v31.8b}, [x1]
	ld2r {v30.8b, v31.8b}, [x1], #2
	ld2r {v30.8b, v31.8b}, [x1], x2
	ld2r {v30.16b, v31.16b}, [x1]
	ld2r {v30.16b, v31.16b}, [x1], #2
	ld2r {v30.16b, v31.16b}, [x1], x2
	ld2r {v30.4h, v31.4h}, [x1]
	ld2r {v30.4h, v31.4h}, [x1], #4
	ld2r {v30.4h, v31.4h}, [x1], x2
	ld2r {v30.8h, v31.8h}, [x1]
	ld2r {v30.8h, v31.8h}, [x1], #4
	ld2r {v30.8h, v31.8h}, [x1], x2
	ld2r {v30.2s, v31.2s}, [x1]
	ld2r {v30.2s, v31.2s}, [x1], #8
	ld2r {v30.2s, v31.2s}, [x1], x2
	ld2r {v30.4s, v31.4s}, [x1]
	ld2r {v30.4s, v31.4s}, [x1], #8
	ld2r {v30.4s, v31.4s}, [x1], x2
	ld2r {v30.1d, v31.1d}, [x1]
	ld2r {v30.1d, v31.1d}, [x1], #16
	ld2r {v30.1d, v31.1d}, [x1], x2
	ld2r {v30.2d, v31.2d}, [x1]
	ld2r {v30.2d, v31.2d}, [x1], #16
	ld2r {v30.2d, v31.2d}, [x1], x2
	ld3r {v30.8b, v31.8b, v0.8b}, [x1]
	ld3r {v30.8b, v31.8b, v0.8b}, [x1], #3
	ld3r {v30.8b, v31.8b, v0.8b}, [x1], x2
	ld3r {v30.16b, v31.16b, v0.16b}, [x1]
	ld3r {v30.16b, v31.16b, v0.16b}, [x1], #3
	ld3r {v30.16b, v31.16b, v0.16b}, [x1], x2
	ld3r {v30.4h, v31.4h, v0.4h}, [x1]
	ld3r {v30.4h, v31.4h, v0.4h}, [x1], #6
	ld3r {v30.4h, v31.4h, v0.4h}, [x1], x2
	ld3r {v30.8h, v31.8h, v0.8h}, [x1]
	ld3r {v30.8h, v31.8h, v0.8h}, [x1], #6
	ld3r {v30.8h, v31.8h, v0.8h}, [x1], x2
	ld3r {v30.2s, v31.2s, v0.2s}, [x1]
	ld3r {v30.2s, v31.2s, v0.2s}, [x1], #12
	ld3r {v30.2s, v31.2s, v0.2s}, [x1], x2
	ld3r {v30.4s, v31.4s, v0.4s}, [x1]
	ld3r {v30.4s, v31.4s, v0.4s}, [x1], #12
	ld3r {v30.4s, v31.4s, v0.4s}, [x1], x2
	ld3r {v30.1d, v31.1d, v0.1d}, [x1]
	ld3r {v30.1d, v31.1d, v0.1d}, [x1], #24
	ld3r {v30.1d, v31.1d, v0.1d}, [x1], x2
	ld3r {v30.2d, v31.2d, v0.2d}, [x1]
	ld3r {v30.2d, v31.2d, v0.2d}, [x1], #24
	ld3r {v30.2d, v31.2d, v0.2d}, [x1], x2
	ld4r {v30.8b, v31.8b, v0.8b, v1.8b}, [x1]
	ld4r {v30.8b, v31.8b, v0.8b, v1.8b}, [x1], #4
	ld4r {v30.8b, v31.8b, v0.8b, v1.8b}, [x1], x2
	ld4r {v30.16b, v31.16b, v0.16b, v1.16b}, [x1]
	ld4r {v30.16b, v31.16b, v0.16b, v1.16b}, [x1], #4
	ld4r {v30.16b, v31.16b, v0.16b, v1.16b}, [x1], x2
	ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x1]
	ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x1], #8
	ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x1], x2
	ld4r {v30.8h, v31.8h, v0.8h, v1.8h}, [x1]
	ld4r {v30.8h, v31.8h, v0.8h, v1.8h}, [x1], #8
	ld4r {v30.8h, v31.8h, v0.8h, v1.8h}, [x1], x2
	ld4r {v30.2s, v31.2s, v0.2s, v1.2s}, [x1]
	ld4r {v30.2s, v31.2s, v0.2s, v1.2s}, [x1], #16
	ld4r {v30.2s, v31.2s, v0.2s, v1.2s}, [x1], x2
	ld4r {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
	ld4r {v30.4s, v31.4s, v0.4s, v1.4s}, [x1], #16
	ld4r {v30.4s, v31.4s, v0.4s, v1.4s}, [x1], x2
	ld4r {v30.1d, v31.1d, v0.1d, v1.1d}, [x1]
	ld4r {v30.1d, v31.1d, v0.1d, v1.1d}, [x1], #32
	ld4r {v30.1d, v31.1d, v0.1d, v1.1d}, [x1], x2
	ld4r {v30.2d, v31.2d, v0.2d, v1.2d}, [x1]
	ld4r {v30.2d, v31.2d, v0.2d, v1.2d}, [x1], #32
	ld4r {v30.2d, v31.2d, v0.2d, v1.2d}, [x1], x2
	dup v1.8b, v2.b[15]
	dup v1.8b, w2
	dup v1.16b, v2.b[15]
	dup v1.16b, w2
	dup v3.16b, wzr
	mov v1.b[15], w2
	mov v1.b[0], v2.b[15]
	mov b1, v2.b[15]
	umov w1, v2.b[1]
	smov w1, v2.b[1]
	smov x1, v2.b[1]
	dup v1.4h, v2.h[7]
	dup v1.4h, w2
	dup v1.8h, v2.h[7]
	dup v1.8h, w2
	dup v3.8h, wzr
	mov v1.h[7], w2
	mov v1.h[0], v2.h[7]
	mov h1, v2.h[7]
	umov w1, v2.h[1]
	smov w1, v2.h[1]
	smov x1, v2.h[1]
	dup v1.2s, v2.s[3]
	dup v1.2s, w2
	dup v1.4s, v2.s[3]
	dup v1.4s, w2
	dup v3.4s, wzr
	mov v1.s[3], w2
	mov v1.s[0], v2.s[3]
	mov s1, v2.s[3]
	umov w1, v2.s[1]
	smov x1, v2.s[1]
	dup v1.2d, v2.d[1]
	dup v1.2d, x2
	dup v3.2d, xzr
	mov v1.d[1], x2
	mov v1.d[0], v2.d[1]
	mov d1, v2.d[1]
	umov x1, v2.d[1]
	mov v1.b[3], wzr
	movi v1.2s, #0xab, lsl #0
	mvni v1.2s, #0xab, lsl #0
	orr v1.2s, #0xab, lsl #0
	bic v1.2s, #0xab, lsl #0
	movi v1.2s, #0xab, lsl #8
	mvni v1.2s, #0xab, lsl #8
	orr v1.2s, #0xab, lsl #8
	bic v1.2s, #0xab, lsl #8
	movi v1.2s, #0xab, lsl #16
	mvni v1.2s, #0xab, lsl #16
	orr v1.2s, #0xab, lsl #16
	bic v1.2s, #0xab, lsl #16
	movi v1.2s, #0xab, lsl #24
	mvni v1.2s, #0xab, lsl #24
	orr v1.2s, #0xab, lsl #24
	bic v1.2s, #0xab, lsl #24
	movi v1.4h, #0xab, lsl #0
	mvni v1.4h, #0xab, lsl #0
	orr v1.4h, #0xab, lsl #0
	bic v1.4h, #0xab, lsl #0
	movi v1.4h, #0xab, lsl #8
	mvni v1.4h, #0xab, lsl #8
	orr v1.4h, #0xab, lsl #8
	bic v1.4h, #0xab, lsl #8
	movi v1.2s, #0xab, msl #8
	mvni v1.2s, #0xab, msl #8
	movi v1.2s, #0xab, msl #16
	mvni v1.2s, #0xab, msl #16
	movi v1.8b, #0xab
	movi v1.8b, #0x0
	movi v1.4s, #0xab, lsl #0
	mvni v1.4s, #0xab, lsl #0
	orr v1.4s, #0xab, lsl #0
	bic v1.4s, #0xab, lsl #0
	movi v1.4s, #0xab, lsl #8
	mvni v1.4s, #0xab, lsl #8
	orr v1.4s, #0xab, lsl #8
	bic v1.4s, #0xab, lsl #8
	movi v1.4s, #0xab, lsl #16
	mvni v1.4s, #0xab, lsl #16
	orr v1.4s, #0xab, lsl #16
	bic v1.4s, #0xab, lsl #16
	movi v1.4s, #0xab, lsl #24
	mvni v1.4s, #0xab, lsl #24
	orr v1.4s, #0xab, lsl #24
	bic v1.4s, #0xab, lsl #24
	movi v1.8h, #0xab, lsl #0
	mvni v1.8h, #0xab, lsl #0
	orr v1.8h, #0xab, lsl #0
	bic v1.8h, #0xab, lsl #0
	movi v1.8h, #0xab, lsl #8
	mvni v1.8h, #0xab, lsl #8
	orr v1.8h, #0xab, lsl #8
	bic v1.8h, #0xab, lsl #8
	movi v1.4s, #0xab, msl #8
	mvni v1.4s, #0xab, msl #8
	movi v1.4s, #0xab, msl #16
	mvni v1.4s, #0xab, msl #16
	movi v1.16b, #0xab
	movi v1.16b, #0x0
	movi v1.2d, #0xff00ff0000ff00ff
	movi d1, #0xff
	movi v2.2d, #0x0
	uzp1 v1.8b, v2.8b, v3.8b
	uzp1 v1.16b, v2.16b, v3.16b
	uzp1 v1.4h, v2.4h, v3.4h
	uzp1 v1.8h, v2.8h, v3.8h
	uzp1 v1.2s, v2.2s, v3.2s
	uzp1 v1.4s, v2.4s, v3.4s
	uzp1 v1.2d, v2.2d, v3.2d
	trn1 v1.8b, v2.8b, v3.8b
	trn1 v1.16b, v2.16b, v3.16b
	trn1 v1.4h, v2.4h, v3.4h
	trn1 v1.8h, v2.8h, v3.8h
	trn1 v1.2s, v2.2s, v3.2s
	trn1 v1.4s, v2.4s, v3.4s
	trn1 v1.2d, v2.2d, v3.2d
	zip1 v1.8b, v2.8b, v3.8b
	zip1 v1.16b, v2.16b, v3.16b
	zip1 v1.4h, v2.4h, v3.4h
	zip1 v1.8h, v2.8h, v3.8h
	zip1 v1.2s, v2.2s, v3.2s
	zip1 v1.4s, v2.4s, v3.4s
	zip1 v1.2d, v2.2d, v3.2d
	uzp2 v1.8b, v2.8b, v3.8b
	uzp2 v1.16b, v2.16b, v3.16b
	uzp2 v1.4h, v2.4h, v3.4h
	uzp2 v1.8h, v2.8h, v3.8h
	uzp2 v1.2s, v2.2s, v3.2s
	uzp2 v1.4s, v2.4s, v3.4s
	uzp2 v1.2d, v2.2d, v3.2d
	trn2 v1.8b, v2.8b, v3.8b
	trn2 v1.16b, v2.16b, v3.16b
	trn2 v1.4h, v2.4h, v3.4h
	trn2 v1.8h, v2.8h, v3.8h
	trn2 v1.2s, v2.2s, v3.2s
	trn2 v1.4s, v2.4s, v3.4s
	trn2 v1.2d, v2.2d, v3.2d
	zip2 v1.8b, v2.8b, v3.8b
	zip2 v1.16b, v2.16b, v3.16b
	zip2 v1.4h, v2.4h, v3.4h
	zip2 v1.8h, v2.8h, v3.8h
	zip2 v1.2s, v2.2s, v3.2s
	zip2 v1.4s, v2.4s, v3.4s
	zip2 v1.2d, v2.2d, v3.2d
	ext v1.16b, v2.16b, v3.16b, #15
	ext v1.8b, v2.8b, v3.8b, #7
	ext v1.8b, v2.8b, v3.8b, #0
	tbl v1.8b, {v30.16b}, v2.8b
	tbl v1.8b, {v4.16b}, v2.8b
	tbl v1.16b, {v30.16b}, v2.16b
	tbl v1.16b, {v4.16b}, v2.16b
	tbl v1.8b, {v30.16b, v31.16b}, v2.8b
	tbl v1.8b, {v4.16b, v5.16b}, v2.8b
	tbl v1.16b, {v30.16b, v31.16b}, v2.16b
	tbl v1.16b, {v4.16b, v5.16b}, v2.16b
	tbl v1.8b, {v30.16b, v31.16b, v0.16b}, v2.8b
	tbl v1.8b, {v4.16b, v5.16b, v6.16b}, v2.8b
	tbl v1.16b, {v30.16b, v31.16b, v0.16b}, v2.16b
	tbl v1.16b, {v4.16b, v5.16b, v6.16b}, v2.16b
	tbl v1.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v2.8b
	tbl v1.8b, {v4.16b, v5.16b, v6.16b, v7.16b}, v2.8b
	tbl v1.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v2.16b
	tbl v1.16b, {v4.16b, v5.16b, v6.16b, v7.16b}, v2.16b
	tbx v1.8b, {v30.16b}, v2.8b
	tbx v1.8b, {v4.16b}, v2.8b
	tbx v1.16b, {v30.16b}, v2.16b
	tbx v1.16b, {v4.16b}, v2.16b
	tbx v1.8b, {v30.16b, v31.16b}, v2.8b
	tbx v1.8b, {v4.16b, v5.16b}, v2.8b
	tbx v1.16b, {v30.16b, v31.16b}, v2.16b
	tbx v1.16b, {v4.16b, v5.16b}, v2.16b
	tbx v1.8b, {v30.16b, v31.16b, v0.16b}, v2.8b
	tbx v1.8b, {v4.16b, v5.16b, v6.16b}, v2.8b
	tbx v1.16b, {v30.16b, v31.16b, v0.16b}, v2.16b
	tbx v1.16b, {v4.16b, v5.16b, v6.16b}, v2.16b
	tbx v1.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v2.8b
	tbx v1.8b, {v4.16b, v5.16b, v6.16b, v7.16b}, v2.8b
	tbx v1.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v2.16b
	tbx v1.16b, {v4.16b, v5.16b, v6.16b, v7.16b}, v2.16b
	sqadd v1.8b, v2.8b, v3.8b
	sqadd v1.16b, v2.16b, v3.16b
	sqadd v1.4h, v2.4h, v3.4h
	sqadd v1.8h, v2.8h, v3.8h
	sqadd v1.2s, v2.2s, v3.2s
	sqadd v1.4s, v2.4s, v3.4s
	sqadd v1.2d, v2.2d, v3.2d
	uqadd v1.8b, v2.8b, v3.8b
	uqadd v1.16b, v2.16b, v3.16b
	uqadd v1.4h, v2.4h, v3.4h
	uqadd v1.8h, v2.8h, v3.8h
	uqadd v1.2s, v2.2s, v3.2s
	uqadd v1.4s, v2.4s, v3.4s
	uqadd v1.2d, v2.2d, v3.2d
	sqsub v1.8b, v2.8b, v3.8b
	sqsub v1.16b, v2.16b, v3.16b
	sqsub v1.4h, v2.4h, v3.4h
	sqsub v1.8h, v2.8h, v3.8h
	sqsub v1.2s, v2.2s, v3.2s
	sqsub v1.4s, v2.4s, v3.4s
	sqsub v1.2d, v2.2d, v3.2d
	uqsub v1.8b, v2.8b, v3.8b
	uqsub v1.16b, v2.16b, v3.16b
	uqsub v1.4h, v2.4h, v3.4h
	uqsub v1.8h, v2.8h, v3.8h
	uqsub v1.2s, v2.2s, v3.2s
	uqsub v1.4s, v2.4s, v3.4s
	uqsub v1.2d, v2.2d, v3.2d
	cmgt v1.8b, v2.8b, v3.8b
	cmgt v1.16b, v2.16b, v3.16b
	cmgt v1.4h, v2.4h, v3.4h
	cmgt v1.8h, v2.8h, v3.8h
	cmgt v1.2s, v2.2s, v3.2s
	cmgt v1.4s, v2.4s, v3.4s
	cmgt v1.2d, v2.2d, v3.2d
	cmhi v1.8b, v2.8b, v3.8b
	cmhi v1.16b, v2.16b, v3.16b
	cmhi v1.4h, v2.4h, v3.4h
	cmhi v1.8h, v2.8h, v3.8h
	cmhi v1.2s, v2.2s, v3.2s
	cmhi v1.4s, v2.4s, v3.4s
	cmhi v1.2d, v2.2d, v3.2d
	cmge v1.8b, v2.8b, v3.8b
	cmge v1.16b, v2.16b, v3.16b
	cmge v1.4h, v2.4h, v3.4h
	cmge v1.8h, v2.8h, v3.8h
	cmge v1.2s, v2.2s, v3.2s
	cmge v1.4s, v2.4s, v3.4s
	cmge v1.2d, v2.2d, v3.2d
	cmhs v1.8b, v2.8b, v3.8b
	cmhs v1.16b, v2.16b, v3.16b
	cmhs v1.4h, v2.4h, v3.4h
	cmhs v1.8h, v2.8h, v3.8h
	cmhs v1.2s, v2.2s, v3.2s
	cmhs v1.4s, v2.4s, v3.4s
	cmhs v1.2d, v2.2d, v3.2d
	sshl v1.8b, v2.8b, v3.8b
	sshl v1.16b, v2.16b, v3.16b
	sshl v1.4h, v2.4h, v3.4h
	sshl v1.8h, v2.8h, v3.8h
	sshl v1.2s, v2.2s, v3.2s
	sshl v1.4s, v2.4s, v3.4s
	sshl v1.2d, v2.2d, v3.2d
	ushl v1.8b, v2.8b, v3.8b
	ushl v1.16b, v2.16b, v3.16b
	ushl v1.4h, v2.4h, v3.4h
	ushl v1.8h, v2.8h, v3.8h
	ushl v1.2s, v2.2s, v3.2s
	ushl v1.4s, v2.4s, v3.4s
	ushl v1.2d, v2.2d, v3.2d
	sqshl v1.8b, v2.8b, v3.8b
	sqshl v1.16b, v2.16b, v3.16b
	sqshl v1.4h, v2.4h, v3.4h
	sqshl v1.8h, v2.8h, v3.8h
	sqshl v1.2s, v2.2s, v3.2s
	sqshl v1.4s, v2.4s, v3.4s
	sqshl v1.2d, v2.2d, v3.2d
	uqshl v1.8b, v2.8b, v3.8b
	uqshl v1.16b, v2.16b, v3.16b
	uqshl v1.4h, v2.4h, v3.4h
	uqshl v1.8h, v2.8h, v3.8h
	uqshl v1.2s, v2.2s, v3.2s
	uqshl v1.4s, v2.4s, v3.4s
	uqshl v1.2d, v2.2d, v3.2d
	srshl v1.8b, v2.8b, v3.8b
	srshl v1.16b, v2.16b, v3.16b
	srshl v1.4h, v2.4h, v3.4h
	srshl v1.8h, v2.8h, v3.8h
	srshl v1.2s, v2.2s, v3.2s
	srshl v1.4s, v2.4s, v3.4s
	srshl v1.2d, v2.2d, v3.2d
	urshl v1.8b, v2.8b, v3.8b
	urshl v1.16b, v2.16b, v3.16b
	urshl v1.4h, v2.4h, v3.4h
	urshl v1.8h, v2.8h, v3.8h
	urshl v1.2s, v2.2s, v3.2s
	urshl v1.4s, v2.4s, v3.4s
	urshl v1.2d, v2.2d, v3.2d
	sqrshl v1.8b, v2.8b, v3.8b
	sqrshl v1.16b, v2.16b, v3.16b
	sqrshl v1.4h, v2.4h, v3.4h
	sqrshl v1.8h, v2.8h, v3.8h
	sqrshl v1.2s, v2.2s, v3.2s
	sqrshl v1.4s, v2.4s, v3.4s
	sqrshl v1.2d, v2.2d, v3.2d
	uqrshl v1.8b, v2.8b, v3.8b
	uqrshl v1.16b, v2.16b, v3.16b
	uqrshl v1.4h, v2.4h, v3.4h
	uqrshl v1.8h, v2.8h, v3.8h
	uqrshl v1.2s, v2.2s, v3.2s
	uqrshl v1.4s, v2.4s, v3.4s
	uqrshl v1.2d, v2.2d, v3.2d
	add v1.8b, v2.8b, v3.8b
	add v1.16b, v2.16b, v3.16b
	add v1.4h, v2.4h, v3.4h
	add v1.8h, v2.8h, v3.8h
	add v1.2s, v2.2s, v3.2s
	add v1.4s, v2.4s, v3.4s
	add v1.2d, v2.2d, v3.2d
	sub v1.8b, v2.8b, v3.8b
	sub v1.16b, v2.16b, v3.16b
	sub v1.4h, v2.4h, v3.4h
	sub v1.8h, v2.8h, v3.8h
	sub v1.2s, v2.2s, v3.2s
	sub v1.4s, v2.4s, v3.4s
	sub v1.2d, v2.2d, v3.2d
	cmtst v1.8b, v2.8b, v3.8b
	cmtst v1.16b, v2.16b, v3.16b
	cmtst v1.4h, v2.4h, v3.4h
	cmtst v1.8h, v2.8h, v3.8h
	cmtst v1.2s, v2.2s, v3.2s
	cmtst v1.4s, v2.4s, v3.4s
	cmtst v1.2d, v2.2d, v3.2d
	cmeq v1.8b, v2.8b, v3.8b
	cmeq v1.16b, v2.16b, v3.16b
	cmeq v1.4h, v2.4h, v3.4h
	cmeq v1.8h, v2.8h, v3.8h
	cmeq v1.2s, v2.2s, v3.2s
	cmeq v1.4s, v2.4s, v3.4s
	cmeq v1.2d, v2.2d, v3.2d
	addp v1.8b, v2.8b, v3.8b
	addp v1.16b, v2.16b, v3.16b
	addp v1.4h, v2.4h, v3.4h
	addp v1.8h, v2.8h, v3.8h
	addp v1.2s, v2.2s, v3.2s
	addp v1.4s, v2.4s, v3.4s
	addp v1.2d, v2.2d, v3.2d
	shadd v1.8b, v2.8b, v3.8b
	shadd v1.16b, v2.16b, v3.16b
	shadd v1.4h, v2.4h, v3.4h
	shadd v1.8h, v2.8h, v3.8h
	shadd v1.2s, v2.2s, v3.2s
	shadd v1.4s, v2.4s, v3.4s
	uhadd v1.8b, v2.8b, v3.8b
	uhadd v1.16b, v2.16b, v3.16b
	uhadd v1.4h, v2.4h, v3.4h
	uhadd v1.8h, v2.8h, v3.8h
	uhadd v1.2s, v2.2s, v3.2s
	uhadd v1.4s, v2.4s, v3.4s
	srhadd v1.8b, v2.8b, v3.8b
	srhadd v1.16b, v2.16b, v3.16b
	srhadd v1.4h, v2.4h, v3.4h
	srhadd v1.8h, v2.8h, v3.8h
	srhadd v1.2s, v2.2s, v3.2s
	srhadd v1.4s, v2.4s, v3.4s
	urhadd v1.8b, v2.8b, v3.8b
	urhadd v1.16b, v2.16b, v3.16b
	urhadd v1.4h, v2.4h, v3.4h
	urhadd v1.8h, v2.8h, v3.8h
	urhadd v1.2s, v2.2s, v3.2s
	urhadd v1.4s, v2.4s, v3.4s
	shsub v1.8b, v2.8b, v3.8b
	shsub v1.16b, v2.16b, v3.16b
	shsub v1.4h, v2.4h, v3.4h
	shsub v1.8h, v2.8h, v3.8h
	shsub v1.2s, v2.2s, v3.2s
	shsub v1.4s, v2.4s, v3.4s
	uhsub v1.8b, v2.8b, v3.8b
	uhsub v1.16b, v2.16b, v3.16b
	uhsub v1.4h, v2.4h, v3.4h
	uhsub v1.8h, v2.8h, v3.8h
	uhsub v1.2s, v2.2s, v3.2s
	uhsub v1.4s, v2.4s, v3.4s
	smax v1.8b, v2.8b, v3.8b
	smax v1.16b, v2.16b, v3.16b
	smax v1.4h, v2.4h, v3.4h
	smax v1.8h, v2.8h, v3.8h
	smax v1.2s, v2.2s, v3.2s
	smax v1.4s, v2.4s, v3.4s
	umax v1.8b, v2.8b, v3.8b
	umax v1.16b, v2.16b, v3.16b
	umax v1.4h, v2.4h, v3.4h
	umax v1.8h, v2.8h, v3.8h
	umax v1.2s, v2.2s, v3.2s
	umax v1.4s, v2.4s, v3.4s
	smin v1.8b, v2.8b, v3.8b
	smin v1.16b, v2.16b, v3.16b
	smin v1.4h, v2.4h, v3.4h
	smin v1.8h, v2.8h, v3.8h
	smin v1.2s, v2.2s, v3.2s
	smin v1.4s, v2.4s, v3.4s
	umin v1.8b, v2.8b, v3.8b
	umin v1.16b, v2.16b, v3.16b
	umin v1.4h, v2.4h, v3.4h
	umin v1.8h, v2.8h, v3.8h
	umin v1.2s, v2.2s, v3.2s
	umin v1.4s, v2.4s, v3.4s
	sabd v1.8b, v2.8b, v3.8b
	sabd v1.16b, v2.16b, v3.16b
	sabd v1.4h, v2.4h, v3.4h
	sabd v1.8h, v2.8h, v3.8h
	sabd v1.2s, v2.2s, v3.2s
	sabd v1.4s, v2.4s, v3.4s
	uabd v1.8b, v2.8b, v3.8b
	uabd v1.16b, v2.16b, v3.16b
	uabd v1.4h, v2.4h, v3.4h
	uabd v1.8h, v2.8h, v3.8h
	uabd v1.2s, v2.2s, v3.2s
	uabd v1.4s, v2.4s, v3.4s
	saba v1.8b, v2.8b, v3.8b
	saba v1.16b, v2.16b, v3.16b
	saba v1.4h, v2.4h, v3.4h
	saba v1.8h, v2.8h, v3.8h
	saba v1.2s, v2.2s, v3.2s
	saba v1.4s, v2.4s, v3.4s
	uaba v1.8b, v2.8b, v3.8b
	uaba v1.16b, v2.16b, v3.16b
	uaba v1.4h, v2.4h, v3.4h
	uaba v1.8h, v2.8h, v3.8h
	uaba v1.2s, v2.2s, v3.2s
	uaba v1.4s, v2.4s, v3.4s
	mla v1.8b, v2.8b, v3.8b
	mla v1.16b, v2.16b, v3.16b
	mla v1.4h, v2.4h, v3.4h
	mla v1.8h, v2.8h, v3.8h
	mla v1.2s, v2.2s, v3.2s
	mla v1.4s, v2.4s, v3.4s
	mls v1.8b, v2.8b, v3.8b
	mls v1.16b, v2.16b, v3.16b
	mls v1.4h, v2.4h, v3.4h
	mls v1.8h, v2.8h, v3.8h
	mls v1.2s, v2.2s, v3.2s
	mls v1.4s, v2.4s, v3.4s
	mul v1.8b, v2.8b, v3.8b
	mul v1.16b, v2.16b, v3.16b
	mul v1.4h, v2.4h, v3.4h
	mul v1.8h, v2.8h, v3.8h
	mul v1.2s, v2.2s, v3.2s
	mul v1.4s, v2.4s, v3.4s
	smaxp v1.8b, v2.8b, v3.8b
	smaxp v1.16b, v2.16b, v3.16b
	smaxp v1.4h, v2.4h, v3.4h
	smaxp v1.8h, v2.8h, v3.8h
	smaxp v1.2s, v2.2s, v3.2s
	smaxp v1.4s, v2.4s, v3.4s
	umaxp v1.8b, v2.8b, v3.8b
	umaxp v1.16b, v2.16b, v3.16b
	umaxp v1.4h, v2.4h, v3.4h
	umaxp v1.8h, v2.8h, v3.8h
	umaxp v1.2s, v2.2s, v3.2s
	umaxp v1.4s, v2.4s, v3.4s
	sminp v1.8b, v2.8b, v3.8b
	sminp v1.16b, v2.16b, v3.16b
	sminp v1.4h, v2.4h, v3.4h
	sminp v1.8h, v2.8h, v3.8h
	sminp v1.2s, v2.2s, v3.2s
	sminp v1.4s, v2.4s, v3.4s
	uminp v1.8b, v2.8b, v3.8b
	uminp v1.16b, v2.16b, v3.16b
	uminp v1.4h, v2.4h, v3.4h
	uminp v1.8h, v2.8h, v3.8h
	uminp v1.2s, v2.2s, v3.2s
	uminp v1.4s, v2.4s, v3.4s
	pmul v1.8b, v2.8b, v3.8b
	pmul v1.16b, v2.16b, v3.16b
	sqdmulh v1.4h, v2.4h, v3.4h
	sqdmulh v1.8h, v2.8h, v3.8h
	sqdmulh v1.2s, v2.2s, v3.2s
	sqdmulh v1.4s, v2.4s, v3.4s
	sqrdmulh v1.4h, v2.4h, v3.4h
	sqrdmulh v1.8h, v2.8h, v3.8h
	sqrdmulh v1.2s, v2.2s, v3.2s
	sqrdmulh v1.4s, v2.4s, v3.4s
	and v1.8b, v2.8b, v3.8b
	and v1.16b, v2.16b, v3.16b
	bic v1.8b, v2.8b, v3.8b
	bic v1.16b, v2.16b, v3.16b
	orr v1.8b, v2.8b, v3.8b
	orr v1.16b, v2.16b, v3.16b
	orn v1.8b, v2.8b, v3.8b
	orn v1.16b, v2.16b, v3.16b
	eor v1.8b, v2.8b, v3.8b
	eor v1.16b, v2.16b, v3.16b
	bsl v1.8b, v2.8b, v3.8b
	bsl v1.16b, v2.16b, v3.16b
	bit v1.8b, v2.8b, v3.8b
	bit v1.16b, v2.16b, v3.16b
	bif v1.8b, v2.8b, v3.8b
	bif v1.16b, v2.16b, v3.16b
	mov v1.16b, v2.16b
	mov v1.8b, v2.8b
	sqadd b1, b2, b3
	sqadd h1, h2, h3
	sqadd s1, s2, s3
	sqadd d1, d2, d3
	uqadd b1, b2, b3
	uqadd h1, h2, h3
	uqadd s1, s2, s3
	uqadd d1, d2, d3
	sqsub b1, b2, b3
	sqsub h1, h2, h3
	sqsub s1, s2, s3
	sqsub d1, d2, d3
	uqsub b1, b2, b3
	uqsub h1, h2, h3
	uqsub s1, s2, s3
	uqsub d1, d2, d3
	sqshl b1, b2, b3
	sqshl h1, h2, h3
	sqshl s1, s2, s3
	sqshl d1, d2, d3
	uqshl b1, b2, b3
	uqshl h1, h2, h3
	uqshl s1, s2, s3
	uqshl d1, d2, d3
	sqrshl b1, b2, b3
	sqrshl h1, h2, h3
	sqrshl s1, s2, s3
	sqrshl d1, d2, d3
	uqrshl b1, b2, b3
	uqrshl h1, h2, h3
	uqrshl s1, s2, s3
	uqrshl d1, d2, d3
	cmgt d1, d2, d3
	cmhi d1, d2, d3
	cmge d1, d2, d3
	cmhs d1, d2, d3
	sshl d1, d2, d3
	ushl d1, d2, d3
	srshl d1, d2, d3
	urshl d1, d2, d3
	add d1, d2, d3
	sub d1, d2, d3
	cmtst d1, d2, d3
	cmeq d1, d2, d3
	sqdmulh h1, h2, h3
	sqdmulh s1, s2, s3
	sqrdmulh h1, h2, h3
	sqrdmulh s1, s2, s3
	saddl v1.8h, v2.8b, v3.8b
	saddl2 v1.8h, v2.16b, v3.16b
	saddl v1.4s, v2.4h, v3.4h
	saddl2 v1.4s, v2.8h, v3.8h
	saddl v1.2d, v2.2s, v3.2s
	saddl2 v1.2d, v2.4s, v3.4s
	uaddl v1.8h, v2.8b, v3.8b
	uaddl2 v1.8h, v2.16b, v3.16b
	uaddl v1.4s, v2.4h, v3.4h
	uaddl2 v1.4s, v2.8h, v3.8h
	uaddl v1.2d, v2.2s, v3.2s
	uaddl2 v1.2d, v2.4s, v3.4s
	ssubl v1.8h, v2.8b, v3.8b
	ssubl2 v1.8h, v2.16b, v3.16b
	ssubl v1.4s, v2.4h, v3.4h
	ssubl2 v1.4s, v2.8h, v3.8h
	ssubl v1.2d, v2.2s, v3.2s
	ssubl2 v1.2d, v2.4s, v3.4s
	usubl v1.8h, v2.8b, v3.8b
	usubl2 v1.8h, v2.16b, v3.16b
	usubl v1.4s, v2.4h, v3.4h
	usubl2 v1.4s, v2.8h, v3.8h
	usubl v1.2d, v2.2s, v3.2s
	usubl2 v1.2d, v2.4s, v3.4s
	sabal v1.8h, v2.8b, v3.8b
	sabal2 v1.8h, v2.16b, v3.16b
	sabal v1.4s, v2.4h, v3.4h
	sabal2 v1.4s, v2.8h, v3.8h
	sabal v1.2d, v2.2s, v3.2s
	sabal2 v1.2d, v2.4s, v3.4s
	uabal v1.8h, v2.8b, v3.8b
	uabal2 v1.8h, v2.16b, v3.16b
	uabal v1.4s, v2.4h, v3.4h
	uabal2 v1.4s, v2.8h, v3.8h
	uabal v1.2d, v2.2s, v3.2s
	uabal2 v1.2d, v2.4s, v3.4s
	sabdl v1.8h, v2.8b, v3.8b
	sabdl2 v1.8h, v2.16b, v3.16b
	sabdl v1.4s, v2.4h, v3.4h
	sabdl2 v1.4s, v2.8h, v3.8h
	sabdl v1.2d, v2.2s, v3.2s
	sabdl2 v1.2d, v2.4s, v3.4s
	uabdl v1.8h, v2.8b, v3.8b
	uabdl2 v1.8h, v2.16b, v3.16b
	uabdl v1.4s, v2.4h, v3.4h
	uabdl2 v1.4s, v2.8h, v3.8h
	uabdl v1.2d, v2.2s, v3.2s
	uabdl2 v1.2d, v2.4s, v3.4s
	smlal v1.8h, v2.8b, v3.8b
	smlal2 v1.8h, v2.16b, v3.16b
	smlal v1.4s, v2.4h, v3.4h
	smlal2 v1.4s, v2.8h, v3.8h
	smlal v1.2d, v2.2s, v3.2s
	smlal2 v1.2d, v2.4s, v3.4s
	umlal v1.8h, v2.8b, v3.8b
	umlal2 v1.8h, v2.16b, v3.16b
	umlal v1.4s, v2.4h, v3.4h
	umlal2 v1.4s, v2.8h, v3.8h
	umlal v1.2d, v2.2s, v3.2s
	umlal2 v1.2d, v2.4s, v3.4s
	smlsl v1.8h, v2.8b, v3.8b
	smlsl2 v1.8h, v2.16b, v3.16b
	smlsl v1.4s, v2.4h, v3.4h
	smlsl2 v1.4s, v2.8h, v3.8h
	smlsl v1.2d, v2.2s, v3.2s
	smlsl2 v1.2d, v2.4s, v3.4s
	umlsl v1.8h, v2.8b, v3.8b
	umlsl2 v1.8h, v2.16b, v3.16b
	umlsl v1.4s, v2.4h, v3.4h
	umlsl2 v1.4s, v2.8h, v3.8h
	umlsl v1.2d, v2.2s, v3.2s
	umlsl2 v1.2d, v2.4s, v3.4s
	smull v1.8h, v2.8b, v3.8b
	smull2 v1.8h, v2.16b, v3.16b
	smull v1.4s, v2.4h, v3.4h
	smull2 v1.4s, v2.8h, v3.8h
	smull v1.2d, v2.2s, v3.2s
	smull2 v1.2d, v2.4s, v3.4s
	umull v1.8h, v2.8b, v3.8b
	umull2 v1.8h, v2.16b, v3.16b
	umull v1.4s, v2.4h, v3.4h
	umull2 v1.4s, v2.8h, v3.8h
	umull v1.2d, v2.2s, v3.2s
	umull2 v1.2d, v2.4s, v3.4s
	saddw v1.8h, v2.8h, v3.8b
	saddw2 v1.8h, v2.8h, v3.16b
	saddw v1.4s, v2.4s, v3.4h
	saddw2 v1.4s, v2.4s, v3.8h
	saddw v1.2d, v2.2d, v3.2s
	saddw2 v1.2d, v2.2d, v3.4s
	uaddw v1.8h, v2.8h, v3.8b
	uaddw2 v1.8h, v2.8h, v3.16b
	uaddw v1.4s, v2.4s, v3.4h
	uaddw2 v1.4s, v2.4s, v3.8h
	uaddw v1.2d, v2.2d, v3.2s
	uaddw2 v1.2d, v2.2d, v3.4s
	ssubw v1.8h, v2.8h, v3.8b
	ssubw2 v1.8h, v2.8h, v3.16b
	ssubw v1.4s, v2.4s, v3.4h
	ssubw2 v1.4s, v2.4s, v3.8h
	ssubw v1.2d, v2.2d, v3.2s
	ssubw2 v1.2d, v2.2d, v3.4s
	usubw v1.8h, v2.8h, v3.8b
	usubw2 v1.8h, v2.8h, v3.16b
	usubw v1.4s, v2.4s, v3.4h
	usubw2 v1.4s, v2.4s, v3.8h
	usubw v1.2d, v2.2d, v3.2s
	usubw2 v1.2d, v2.2d, v3.4s
	addhn v1.8b, v2.8h, v3.8h
	addhn2 v1.16b, v2.8h, v3.8h
	addhn v1.4h, v2.4s, v3.4s
	addhn2 v1.8h, v2.4s, v3.4s
	addhn v1.2s, v2.2d, v3.2d
	addhn2 v1.4s, v2.2d, v3.2d
	raddhn v1.8b, v2.8h, v3.8h
	raddhn2 v1.16b, v2.8h, v3.8h
	raddhn v1.4h, v2.4s, v3.4s
	raddhn2 v1.8h, v2.4s, v3.4s
	raddhn v1.2s, v2.2d, v3.2d
	raddhn2 v1.4s, v2.2d, v3.2d
	subhn v1.8b, v2.8h, v3.8h
	subhn2 v1.16b, v2.8h, v3.8h
	subhn v1.4h, v2.4s, v3.4s
	subhn2 v1.8h, v2.4s, v3.4s
	subhn v1.2s, v2.2d, v3.2d
	subhn2 v1.4s, v2.2d, v3.2d
	rsubhn v1.8b, v2.8h, v3.8h
	rsubhn2 v1.16b, v2.8h, v3.8h
	rsubhn v1.4h, v2.4s, v3.4s
	rsubhn2 v1.8h, v2.4s, v3.4s
	rsubhn v1.2s, v2.2d, v3.2d
	rsubhn2 v1.4s, v2.2d, v3.2d
	sqdmlal v1.4s, v2.4h, v3.4h
	sqdmlal2 v1.4s, v2.8h, v3.8h
	sqdmlal s1, h2, h3
	sqdmlal v1.2d, v2.2s, v3.2s
	sqdmlal2 v1.2d, v2.4s, v3.4s
	sqdmlal d1, s2, s3
	sqdmlsl v1.4s, v2.4h, v3.4h
	sqdmlsl2 v1.4s, v2.8h, v3.8h
	sqdmlsl s1, h2, h3
	sqdmlsl v1.2d, v2.2s, v3.2s
	sqdmlsl2 v1.2d, v2.4s, v3.4s
	sqdmlsl d1, s2, s3
	sqdmull v1.4s, v2.4h, v3.4h
	sqdmull2 v1.4s, v2.8h, v3.8h
	sqdmull s1, h2, h3
	sqdmull v1.2d, v2.2s, v3.2s
	sqdmull2 v1.2d, v2.4s, v3.4s
	sqdmull d1, s2, s3
	pmull v1.8h, v2.8b, v3.8b
	pmull2 v1.8h, v2.16b, v3.16b
	rev64 v1.8b, v2.8b
	rev64 v1.16b, v2.16b
	rev64 v1.4h, v2.4h
	rev64 v1.8h, v2.8h
	rev64 v1.2s, v2.2s
	rev64 v1.4s, v2.4s
	rev32 v1.8b, v2.8b
	rev32 v1.16b, v2.16b
	rev32 v1.4h, v2.4h
	rev32 v1.8h, v2.8h
	rev16 v1.8b, v2.8b
	cnt v1.8b, v2.8b
	not v1.8b, v2.8b
	rbit v1.8b, v2.8b
	rev16 v1.16b, v2.16b
	cnt v1.16b, v2.16b
	not v1.16b, v2.16b
	rbit v1.16b, v2.16b
	saddlp v1.4h, v2.8b
	saddlp v1.8h, v2.16b
	saddlp v1.2s, v2.4h
	saddlp v1.4s, v2.8h
	saddlp v1.1d, v2.2s
	saddlp v1.2d, v2.4s
	uaddlp v1.4h, v2.8b
	uaddlp v1.8h, v2.16b
	uaddlp v1.2s, v2.4h
	uaddlp v1.4s, v2.8h
	uaddlp v1.1d, v2.2s
	uaddlp v1.2d, v2.4s
	sadalp v1.4h, v2.8b
	sadalp v1.8h, v2.16b
	sadalp v1.2s, v2.4h
	sadalp v1.4s, v2.8h
	sadalp v1.1d, v2.2s
	sadalp v1.2d, v2.4s
	uadalp v1.4h, v2.8b
	uadalp v1.8h, v2.16b
	uadalp v1.2s, v2.4h
	uadalp v1.4s, v2.8h
	uadalp v1.1d, v2.2s
	uadalp v1.2d, v2.4s
	cls v1.8b, v2.8b
	cls v1.16b, v2.16b
	cls v1.4h, v2.4h
	cls v1.8h, v2.8h
	cls v1.2s, v2.2s
	cls v1.4s, v2.4s
	clz v1.8b, v2.8b
	clz v1.16b, v2.16b
	clz v1.4h, v2.4h
	clz v1.8h, v2.8h
	clz v1.2s, v2.2s
	clz v1.4s, v2.4s
	suqadd v1.8b, v2.8b
	suqadd v1.16b, v2.16b
	suqadd v1.4h, v2.4h
	suqadd v1.8h, v2.8h
	suqadd v1.2s, v2.2s
	suqadd v1.4s, v2.4s
	suqadd v1.2d, v2.2d
	usqadd v1.8b, v2.8b
	usqadd v1.16b, v2.16b
	usqadd v1.4h, v2.4h
	usqadd v1.8h, v2.8h
	usqadd v1.2s, v2.2s
	usqadd v1.4s, v2.4s
	usqadd v1.2d, v2.2d
	sqabs v1.8b, v2.8b
	sqabs v1.16b, v2.16b
	sqabs v1.4h, v2.4h
	sqabs v1.8h, v2.8h
	sqabs v1.2s, v2.2s
	sqabs v1.4s, v2.4s
	sqabs v1.2d, v2.2d
	sqneg v1.8b, v2.8b
	sqneg v1.16b, v2.16b
	sqneg v1.4h, v2.4h
	sqneg v1.8h, v2.8h
	sqneg v1.2s, v2.2s
	sqneg v1.4s, v2.4s
	sqneg v1.2d, v2.2d
	abs v1.8b, v2.8b
	abs v1.16b, v2.16b
	abs v1.4h, v2.4h
	abs v1.8h, v2.8h
	abs v1.2s, v2.2s
	abs v1.4s, v2.4s
	abs v1.2d, v2.2d
	neg v1.8b, v2.8b
	neg v1.16b, v2.16b
	neg v1.4h, v2.4h
	neg v1.8h, v2.8h
	neg v1.2s, v2.2s
	neg v1.4s, v2.4s
	neg v1.2d, v2.2d
	suqadd b1, b2
	suqadd h1, h2
	suqadd s1, s2
	suqadd d1, d2
	usqadd b1, b2
	usqadd h1, h2
	usqadd s1, s2
	usqadd d1, d2
	sqabs b1, b2
	sqabs h1, h2
	sqabs s1, s2
	sqabs d1, d2
	sqneg b1, b2
	sqneg h1, h2
	sqneg s1, s2
	sqneg d1, d2
	abs d1, d2
	neg d1, d2
	cmgt v1.8b, v2.8b, #0
	cmgt v1.16b, v2.16b, #0
	cmgt v1.4h, v2.4h, #0
	cmgt v1.8h, v2.8h, #0
	cmgt v1.2s, v2.2s, #0
	cmgt v1.4s, v2.4s, #0
	cmgt v1.2d, v2.2d, #0
	cmgt d1, d2, #0
	cmge v1.8b, v2.8b, #0
	cmge v1.16b, v2.16b, #0
	cmge v1.4h, v2.4h, #0
	cmge v1.8h, v2.8h, #0
	cmge v1.2s, v2.2s, #0
	cmge v1.4s, v2.4s, #0
	cmge v1.2d, v2.2d, #0
	cmge d1, d2, #0
	cmeq v1.8b, v2.8b, #0
	cmeq v1.16b, v2.16b, #0
	cmeq v1.4h, v2.4h, #0
	cmeq v1.8h, v2.8h, #0
	cmeq v1.2s, v2.2s, #0
	cmeq v1.4s, v2.4s, #0
	cmeq v1.2d, v2.2d, #0
	cmeq d1, d2, #0
	cmle v1.8b, v2.8b, #0
	cmle v1.16b, v2.16b, #0
	cmle v1.4h, v2.4h, #0
	cmle v1.8h, v2.8h, #0
	cmle v1.2s, v2.2s, #0
	cmle v1.4s, v2.4s, #0
	cmle v1.2d, v2.2d, #0
	cmle d1, d2, #0
	cmlt v1.8b, v2.8b, #0
	cmlt v1.16b, v2.16b, #0
	cmlt v1.4h, v2.4h, #0
	cmlt v1.8h, v2.8h, #0
	cmlt v1.2s, v2.2s, #0
	cmlt v1.4s, v2.4s, #0
	cmlt v1.2d, v2.2d, #0
	cmlt d1, d2, #0
	xtn v1.8b, v2.8h
	xtn2 v1.16b, v2.8h
	xtn v1.4h, v2.4s
	xtn2 v1.8h, v2.4s
	xtn v1.2s, v2.2d
	xtn2 v1.4s, v2.2d
	sqxtn v1.8b, v2.8h
	sqxtn2 v1.16b, v2.8h
	sqxtn b1, h2
	sqxtn v1.4h, v2.4s
	sqxtn2 v1.8h, v2.4s
	sqxtn h1, s2
	sqxtn v1.2s, v2.2d
	sqxtn2 v1.4s, v2.2d
	sqxtn s1, d2
	uqxtn v1.8b, v2.8h
	uqxtn2 v1.16b, v2.8h
	uqxtn b1, h2
	uqxtn v1.4h, v2.4s
	uqxtn2 v1.8h, v2.4s
	uqxtn h1, s2
	uqxtn v1.2s, v2.2d
	uqxtn2 v1.4s, v2.2d
	uqxtn s1, d2
	sqxtun v1.8b, v2.8h
	sqxtun2 v1.16b, v2.8h
	sqxtun b1, h2
	sqxtun v1.4h, v2.4s
	sqxtun2 v1.8h, v2.4s
	sqxtun h1, s2
	sqxtun v1.2s, v2.2d
	sqxtun2 v1.4s, v2.2d
	sqxtun s1, d2
	shll v1.8h, v2.8b, #8
	shll2 v1.8h, v2.16b, #8
	shll v1.4s, v2.4h, #16
	shll2 v1.4s, v2.8h, #16
	shll v1.2d, v2.2s, #32
	shll2 v1.2d, v2.4s, #32
	addv b1, v2.8b
	addv b1, v2.16b
	addv h1, v2.4h
	addv h1, v2.8h
	addv s1, v2.4s
	smaxv b1, v2.8b
	smaxv b1, v2.16b
	smaxv h1, v2.4h
	smaxv h1, v2.8h
	smaxv s1, v2.4s
	umaxv b1, v2.8b
	umaxv b1, v2.16b
	umaxv h1, v2.4h
	umaxv h1, v2.8h
	umaxv s1, v2.4s
	sminv b1, v2.8b
	sminv b1, v2.16b
	sminv h1, v2.4h
	sminv h1, v2.8h
	sminv s1, v2.4s
	uminv b1, v2.8b
	uminv b1, v2.16b
	uminv h1, v2.4h
	uminv h1, v2.8h
	uminv s1, v2.4s
	saddlv h1, v2.8b
	saddlv h1, v2.16b
	saddlv s1, v2.4h
	saddlv s1, v2.8h
	saddlv d1, v2.4s
	uaddlv h1, v2.8b
	uaddlv h1, v2.16b
	uaddlv s1, v2.4h
	uaddlv s1, v2.8h
	uaddlv d1, v2.4s
	addp d1, v2.2d
	sshr v1.8b, v2.8b, #1
	sshr v1.8b, v2.8b, #8
	sshr v1.16b, v2.16b, #1
	sshr v1.16b, v2.16b, #8
	sshr v1.4h, v2.4h, #1
	sshr v1.4h, v2.4h, #16
	sshr v1.8h, v2.8h, #1
	sshr v1.8h, v2.8h, #16
	sshr v1.2s, v2.2s, #1
	sshr v1.2s, v2.2s, #32
	sshr v1.4s, v2.4s, #1
	sshr v1.4s, v2.4s, #32
	sshr v1.2d, v2.2d, #1
	sshr v1.2d, v2.2d, #64
	sshr d1, d2, #1
	sshr d1, d2, #64
	ushr v1.8b, v2.8b, #1
	ushr v1.8b, v2.8b, #8
	ushr v1.16b, v2.16b, #1
	ushr v1.16b, v2.16b, #8
	ushr v1.4h, v2.4h, #1
	ushr v1.4h, v2.4h, #16
	ushr v1.8h, v2.8h, #1
	ushr v1.8h, v2.8h, #16
	ushr v1.2s, v2.2s, #1
	ushr v1.2s, v2.2s, #32
	ushr v1.4s, v2.4s, #1
	ushr v1.4s, v2.4s, #32
	ushr v1.2d, v2.2d, #1
	ushr v1.2d, v2.2d, #64
	ushr d1, d2, #1
	ushr d1, d2, #64
	ssra v1.8b, v2.8b, #1
	ssra v1.8b, v2.8b, #8
	ssra v1.16b, v2.16b, #1
	ssra v1.16b, v2.16b, #8
	ssra v1.4h, v2.4h, #1
	ssra v1.4h, v2.4h, #16
	ssra v1.8h, v2.8h, #1
	ssra v1.8h, v2.8h, #16
	ssra v1.2s, v2.2s, #1
	ssra v1.2s, v2.2s, #32
	ssra v1.4s, v2.4s, #1
	ssra v1.4s, v2.4s, #32
	ssra v1.2d, v2.2d, #1
	ssra v1.2d, v2.2d, #64
	ssra d1, d2, #1
	ssra d1, d2, #64
	usra v1.8b, v2.8b, #1
	usra v1.8b, v2.8b, #8
	usra v1.16b, v2.16b, #1
	usra v1.16b, v2.16b, #8
	usra v1.4h, v2.4h, #1
	usra v1.4h, v2.4h, #16
	usra v1.8h, v2.8h, #1
	usra v1.8h, v2.8h, #16
	usra v1.2s, v2.2s, #1
	usra v1.2s, v2.2s, #32
	usra v1.4s, v2.4s, #1
	usra v1.4s, v2.4s, #32
	usra v1.2d, v2.2d, #1
	usra v1.2d, v2.2d, #64
	usra d1, d2, #1
	usra d1, d2, #64
	srshr v1.8b, v2.8b, #1
	srshr v1.8b, v2.8b, #8
	srshr v1.16b, v2.16b, #1
	srshr v1.16b, v2.16b, #8
	srshr v1.4h, v2.4h, #1
	srshr v1.4h, v2.4h, #16
	srshr v1.8h, v2.8h, #1
	srshr v1.8h, v2.8h, #16
	srshr v1.2s, v2.2s, #1
	srshr v1.2s, v2.2s, #32
	srshr v1.4s, v2.4s, #1
	srshr v1.4s, v2.4s, #32
	srshr v1.2d, v2.2d, #1
	srshr v1.2d, v2.2d, #64
	srshr d1, d2, #1
	srshr d1, d2, #64
	urshr v1.8b, v2.8b, #1
	urshr v1.8b, v2.8b, #8
	urshr v1.16b, v2.16b, #1
	urshr v1.16b, v2.16b, #8
	urshr v1.4h, v2.4h, #1
	urshr v1.4h, v2.4h, #16
	urshr v1.8h, v2.8h, #1
	urshr v1.8h, v2.8h, #16
	urshr v1.2s, v2.2s, #1
	urshr v1.2s, v2.2s, #32
	urshr v1.4s, v2.4s, #1
	urshr v1.4s, v2.4s, #32
	urshr v1.2d, v2.2d, #1
	urshr v1.2d, v2.2d, #64
	urshr d1, d2, #1
	urshr d1, d2, #64
	srsra v1.8b, v2.8b, #1
	srsra v1.8b, v2.8b, #8
	srsra v1.16b, v2.16b, #1
	srsra v1.16b, v2.16b, #8
	srsra v1.4h, v2.4h, #1
	srsra v1.4h, v2.4h, #16
	srsra v1.8h, v2.8h, #1
	srsra v1.8h, v2.8h, #16
	srsra v1.2s, v2.2s, #1
	srsra v1.2s, v2.2s, #32
	srsra v1.4s, v2.4s, #1
	srsra v1.4s, v2.4s, #32
	srsra v1.2d, v2.2d, #1
	srsra v1.2d, v2.2d, #64
	srsra d1, d2, #1
	srsra d1, d2, #64
	ursra v1.8b, v2.8b, #1
	ursra v1.8b, v2.8b, #8
	ursra v1.16b, v2.16b, #1
	ursra v1.16b, v2.16b, #8
	ursra v1.4h, v2.4h, #1
	ursra v1.4h, v2.4h, #16
	ursra v1.8h, v2.8h, #1
	ursra v1.8h, v2.8h, #16
	ursra v1.2s, v2.2s, #1
	ursra v1.2s, v2.2s, #32
	ursra v1.4s, v2.4s, #1
	ursra v1.4s, v2.4s, #32
	ursra v1.2d, v2.2d, #1
	ursra v1.2d, v2.2d, #64
	ursra d1, d2, #1
	ursra d1, d2, #64
	sri v1.8b, v2.8b, #1
	sri v1.8b, v2.8b, #8
	sri v1.16b, v2.16b, #1
	sri v1.16b, v2.16b, #8
	sri v1.4h, v2.4h, #1
	sri v1.4h, v2.4h, #16
	sri v1.8h, v2.8h, #1
	sri v1.8h, v2.8h, #16
	sri v1.2s, v2.2s, #1
	sri v1.2s, v2.2s, #32
	sri v1.4s, v2.4s, #1
	sri v1.4s, v2.4s, #32
	sri v1.2d, v2.2d, #1
	sri v1.2d, v2.2d, #64
	sri d1, d2, #1
	sri d1, d2, #64
	shl v1.8b, v2.8b, #0
	shl v1.8b, v2.8b, #7
	shl v1.16b, v2.16b, #0
	shl v1.16b, v2.16b, #7
	shl v1.4h, v2.4h, #0
	shl v1.4h, v2.4h, #15
	shl v1.8h, v2.8h, #0
	shl v1.8h, v2.8h, #15
	shl v1.2s, v2.2s, #0
	shl v1.2s, v2.2s, #31
	shl v1.4s, v2.4s, #0
	shl v1.4s, v2.4s, #31
	shl v1.2d, v2.2d, #0
	shl v1.2d, v2.2d, #63
	shl d1, d2, #63
	shl d1, d2, #0
	sli v1.8b, v2.8b, #0
	sli v1.8b, v2.8b, #7
	sli v1.16b, v2.16b, #0
	sli v1.16b, v2.16b, #7
	sli v1.4h, v2.4h, #0
	sli v1.4h, v2.4h, #15
	sli v1.8h, v2.8h, #0
	sli v1.8h, v2.8h, #15
	sli v1.2s, v2.2s, #0
	sli v1.2s, v2.2s, #31
	sli v1.4s, v2.4s, #0
	sli v1.4s, v2.4s, #31
	sli v1.2d, v2.2d, #0
	sli v1.2d, v2.2d, #63
	sli d1, d2, #63
	sli d1, d2, #0
	sqshl v1.8b, v2.8b, #0
	sqshl v1.8b, v2.8b, #7
	sqshl v1.16b, v2.16b, #0
	sqshl v1.16b, v2.16b, #7
	sqshl v1.4h, v2.4h, #0
	sqshl v1.4h, v2.4h, #15
	sqshl v1.8h, v2.8h, #0
	sqshl v1.8h, v2.8h, #15
	sqshl v1.2s, v2.2s, #0
	sqshl v1.2s, v2.2s, #31
	sqshl v1.4s, v2.4s, #0
	sqshl v1.4s, v2.4s, #31
	sqshl v1.2d, v2.2d, #0
	sqshl v1.2d, v2.2d, #63
	sqshl b1, b2, #7
	sqshl h1, h2, #15
	sqshl s1, s2, #31
	sqshl d1, d2, #63
	uqshl v1.8b, v2.8b, #0
	uqshl v1.8b, v2.8b, #7
	uqshl v1.16b, v2.16b, #0
	uqshl v1.16b, v2.16b, #7
	uqshl v1.4h, v2.4h, #0
	uqshl v1.4h, v2.4h, #15
	uqshl v1.8h, v2.8h, #0
	uqshl v1.8h, v2.8h, #15
	uqshl v1.2s, v2.2s, #0
	uqshl v1.2s, v2.2s, #31
	uqshl v1.4s, v2.4s, #0
	uqshl v1.4s, v2.4s, #31
	uqshl v1.2d, v2.2d, #0
	uqshl v1.2d, v2.2d, #63
	uqshl b1, b2, #7
	uqshl h1, h2, #15
	uqshl s1, s2, #31
	uqshl d1, d2, #63
	sqshlu v1.8b, v2.8b, #0
	sqshlu v1.8b, v2.8b, #7
	sqshlu v1.16b, v2.16b, #0
	sqshlu v1.16b, v2.16b, #7
	sqshlu v1.4h, v2.4h, #0
	sqshlu v1.4h, v2.4h, #15
	sqshlu v1.8h, v2.8h, #0
	sqshlu v1.8h, v2.8h, #15
	sqshlu v1.2s, v2.2s, #0
	sqshlu v1.2s, v2.2s, #31
	sqshlu v1.4s, v2.4s, #0
	sqshlu v1.4s, v2.4s, #31
	sqshlu v1.2d, v2.2d, #0
	sqshlu v1.2d, v2.2d, #63
	sqshlu b1, b2, #7
	sqshlu h1, h2, #15
	sqshlu s1, s2, #31
	sqshlu d1, d2, #63
	shrn v1.8b, v2.8h, #1
	shrn v1.8b, v2.8h, #8
	shrn2 v1.16b, v2.8h, #1
	shrn2 v1.16b, v2.8h, #8
	shrn v1.4h, v2.4s, #1
	shrn v1.4h, v2.4s, #16
	shrn2 v1.8h, v2.4s, #1
	shrn2 v1.8h, v2.4s, #16
	shrn v1.2s, v2.2d, #1
	shrn v1.2s, v2.2d, #32
	shrn2 v1.4s, v2.2d, #1
	shrn2 v1.4s, v2.2d, #32
	rshrn v1.8b, v2.8h, #1
	rshrn v1.8b, v2.8h, #8
	rshrn2 v1.16b, v2.8h, #1
	rshrn2 v1.16b, v2.8h, #8
	rshrn v1.4h, v2.4s, #1
	rshrn v1.4h, v2.4s, #16
	rshrn2 v1.8h, v2.4s, #1
	rshrn2 v1.8h, v2.4s, #16
	rshrn v1.2s, v2.2d, #1
	rshrn v1.2s, v2.2d, #32
	rshrn2 v1.4s, v2.2d, #1
	rshrn2 v1.4s, v2.2d, #32
	sqshrn v1.8b, v2.8h, #1
	sqshrn v1.8b, v2.8h, #8
	sqshrn2 v1.16b, v2.8h, #1
	sqshrn2 v1.16b, v2.8h, #8
	sqshrn b1, h2, #8
	sqshrn v1.4h, v2.4s, #1
	sqshrn v1.4h, v2.4s, #16
	sqshrn2 v1.8h, v2.4s, #1
	sqshrn2 v1.8h, v2.4s, #16
	sqshrn h1, s2, #16
	sqshrn v1.2s, v2.2d, #1
	sqshrn v1.2s, v2.2d, #32
	sqshrn2 v1.4s, v2.2d, #1
	sqshrn2 v1.4s, v2.2d, #32
	sqshrn s1, d2, #32
	sqrshrn v1.8b, v2.8h, #1
	sqrshrn v1.8b, v2.8h, #8
	sqrshrn2 v1.16b, v2.8h, #1
	sqrshrn2 v1.16b, v2.8h, #8
	sqrshrn b1, h2, #8
	sqrshrn v1.4h, v2.4s, #1
	sqrshrn v1.4h, v2.4s, #16
	sqrshrn2 v1.8h, v2.4s, #1
	sqrshrn2 v1.8h, v2.4s, #16
	sqrshrn h1, s2, #16
	sqrshrn v1.2s, v2.2d, #1
	sqrshrn v1.2s, v2.2d, #32
	sqrshrn2 v1.4s, v2.2d, #1
	sqrshrn2 v1.4s, v2.2d, #32
	sqrshrn s1, d2, #32
	uqshrn v1.8b, v2.8h, #1
	uqshrn v1.8b, v2.8h, #8
	uqshrn2 v1.16b, v2.8h, #1
	uqshrn2 v1.16b, v2.8h, #8
	uqshrn b1, h2, #8
	uqshrn v1.4h, v2.4s, #1
	uqshrn v1.4h, v2.4s, #16
	uqshrn2 v1.8h, v2.4s, #1
	uqshrn2 v1.8h, v2.4s, #16
	uqshrn h1, s2, #16
	uqshrn v1.2s, v2.2d, #1
	uqshrn v1.2s, v2.2d, #32
	uqshrn2 v1.4s, v2.2d, #1
	uqshrn2 v1.4s, v2.2d, #32
	uqshrn s1, d2, #32
	uqrshrn v1.8b, v2.8h, #1
	uqrshrn v1.8b, v2.8h, #8
	uqrshrn2 v1.16b, v2.8h, #1
	uqrshrn2 v1.16b, v2.8h, #8
	uqrshrn b1, h2, #8
	uqrshrn v1.4h, v2.4s, #1
	uqrshrn v1.4h, v2.4s, #16
	uqrshrn2 v1.8h, v2.4s, #1
	uqrshrn2 v1.8h, v2.4s, #16
	uqrshrn h1, s2, #16
	uqrshrn v1.2s, v2.2d, #1
	uqrshrn v1.2s, v2.2d, #32
	uqrshrn2 v1.4s, v2.2d, #1
	uqrshrn2 v1.4s, v2.2d, #32
	uqrshrn s1, d2, #32
	sqshrun v1.8b, v2.8h, #1
	sqshrun v1.8b, v2.8h, #8
	sqshrun2 v1.16b, v2.8h, #1
	sqshrun2 v1.16b, v2.8h, #8
	sqshrun b1, h2, #8
	sqshrun v1.4h, v2.4s, #1
	sqshrun v1.4h, v2.4s, #16
	sqshrun2 v1.8h, v2.4s, #1
	sqshrun2 v1.8h, v2.4s, #16
	sqshrun h1, s2, #16
	sqshrun v1.2s, v2.2d, #1
	sqshrun v1.2s, v2.2d, #32
	sqshrun2 v1.4s, v2.2d, #1
	sqshrun2 v1.4s, v2.2d, #32
	sqshrun s1, d2, #32
	sqrshrun v1.8b, v2.8h, #1
	sqrshrun v1.8b, v2.8h, #8
	sqrshrun2 v1.16b, v2.8h, #1
	sqrshrun2 v1.16b, v2.8h, #8
	sqrshrun b1, h2, #8
	sqrshrun v1.4h, v2.4s, #1
	sqrshrun v1.4h, v2.4s, #16
	sqrshrun2 v1.8h, v2.4s, #1
	sqrshrun2 v1.8h, v2.4s, #16
	sqrshrun h1, s2, #16
	sqrshrun v1.2s, v2.2d, #1
	sqrshrun v1.2s, v2.2d, #32
	sqrshrun2 v1.4s, v2.2d, #1
	sqrshrun2 v1.4s, v2.2d, #32
	sqrshrun s1, d2, #32
	sshll v1.8h, v2.8b, #0
	sshll v1.8h, v2.8b, #3
	sshll v1.8h, v2.8b, #7
	sshll2 v1.8h, v2.16b, #0
	sshll2 v1.8h, v2.16b, #3
	sshll2 v1.8h, v2.16b, #7
	sshll v1.4s, v2.4h, #0
	sshll v1.4s, v2.4h, #3
	sshll v1.4s, v2.4h, #15
	sshll2 v1.4s, v2.8h, #0
	sshll2 v1.4s, v2.8h, #3
	sshll2 v1.4s, v2.8h, #15
	sshll v1.2d, v2.2s, #0
	sshll v1.2d, v2.2s, #3
	sshll v1.2d, v2.2s, #31
	sshll2 v1.2d, v2.4s, #0
	sshll2 v1.2d, v2.4s, #3
	sshll2 v1.2d, v2.4s, #31
	ushll v1.8h, v2.8b, #0
	ushll v1.8h, v2.8b, #3
	ushll v1.8h, v2.8b, #7
	ushll2 v1.8h, v2.16b, #0
	ushll2 v1.8h, v2.16b, #3
	ushll2 v1.8h, v2.16b, #7
	ushll v1.4s, v2.4h, #0
	ushll v1.4s, v2.4h, #3
	ushll v1.4s, v2.4h, #15
	ushll2 v1.4s, v2.8h, #0
	ushll2 v1.4s, v2.8h, #3
	ushll2 v1.4s, v2.8h, #15
	ushll v1.2d, v2.2s, #0
	ushll v1.2d, v2.2s, #3
	ushll v1.2d, v2.2s, #31
	ushll2 v1.2d, v2.4s, #0
	ushll2 v1.2d, v2.4s, #3
	ushll2 v1.2d, v2.4s, #31
	sxtl v1.8h, v2.8b
	uxtl2 v1.2d, v2.4s
	mul v1.4h, v2.4h, v15.h[7]
	mul v1.4h, v2.4h, v3.h[1]
	mul v1.8h, v2.8h, v15.h[7]
	mul v1.8h, v2.8h, v3.h[1]
	mul v1.2s, v2.2s, v31.s[3]
	mul v1.2s, v2.2s, v3.s[1]
	mul v1.4s, v2.4s, v31.s[3]
	mul v1.4s, v2.4s, v3.s[1]
	mla v1.4h, v2.4h, v15.h[7]
	mla v1.4h, v2.4h, v3.h[1]
	mla v1.8h, v2.8h, v15.h[7]
	mla v1.8h, v2.8h, v3.h[1]
	mla v1.2s, v2.2s, v31.s[3]
	mla v1.2s, v2.2s, v3.s[1]
	mla v1.4s, v2.4s, v31.s[3]
	mla v1.4s, v2.4s, v3.s[1]
	mls v1.4h, v2.4h, v15.h[7]
	mls v1.4h, v2.4h, v3.h[1]
	mls v1.8h, v2.8h, v15.h[7]
	mls v1.8h, v2.8h, v3.h[1]
	mls v1.2s, v2.2s, v31.s[3]
	mls v1.2s, v2.2s, v3.s[1]
	mls v1.4s, v2.4s, v31.s[3]
	mls v1.4s, v2.4s, v3.s[1]
	sqdmulh v1.4h, v2.4h, v15.h[7]
	sqdmulh v1.4h, v2.4h, v3.h[1]
	sqdmulh v1.8h, v2.8h, v15.h[7]
	sqdmulh v1.8h, v2.8h, v3.h[1]
	sqdmulh v1.2s, v2.2s, v31.s[3]
	sqdmulh v1.2s, v2.2s, v3.s[1]
	sqdmulh v1.4s, v2.4s, v31.s[3]
	sqdmulh v1.4s, v2.4s, v3.s[1]
	sqrdmulh v1.4h, v2.4h, v15.h[7]
	sqrdmulh v1.4h, v2.4h, v3.h[1]
	sqrdmulh v1.8h, v2.8h, v15.h[7]
	sqrdmulh v1.8h, v2.8h, v3.h[1]
	sqrdmulh v1.2s, v2.2s, v31.s[3]
	sqrdmulh v1.2s, v2.2s, v3.s[1]
	sqrdmulh v1.4s, v2.4s, v31.s[3]
	sqrdmulh v1.4s, v2.4s, v3.s[1]
	smlal v1.4s, v2.4h, v15.h[7]
	smlal2 v1.4s, v2.8h, v15.h[7]
	smlal v1.2d, v2.2s, v31.s[3]
	smlal2 v1.2d, v2.4s, v31.s[3]
	umlal v1.4s, v2.4h, v15.h[7]
	umlal2 v1.4s, v2.8h, v15.h[7]
	umlal v1.2d, v2.2s, v31.s[3]
	umlal2 v1.2d, v2.4s, v31.s[3]
	smlsl v1.4s, v2.4h, v15.h[7]
	smlsl2 v1.4s, v2.8h, v15.h[7]
	smlsl v1.2d, v2.2s, v31.s[3]
	smlsl2 v1.2d, v2.4s, v31.s[3]
	umlsl v1.4s, v2.4h, v15.h[7]
	umlsl2 v1.4s, v2.8h, v15.h[7]
	umlsl v1.2d, v2.2s, v31.s[3]
	umlsl2 v1.2d, v2.4s, v31.s[3]
	smull v1.4s, v2.4h, v15.h[7]
	smull2 v1.4s, v2.8h, v15.h[7]
	smull v1.2d, v2.2s, v31.s[3]
	smull2 v1.2d, v2.4s, v31.s[3]
	umull v1.4s, v2.4h, v15.h[7]
	umull2 v1.4s, v2.8h, v15.h[7]
	umull v1.2d, v2.2s, v31.s[3]
	umull2 v1.2d, v2.4s, v31.s[3]
	sqdmlal v1.4s, v2.4h, v15.h[7]
	sqdmlal2 v1.4s, v2.8h, v15.h[7]
	sqdmlal v1.2d, v2.2s, v31.s[3]
	sqdmlal2 v1.2d, v2.4s, v31.s[3]
	sqdmlsl v1.4s, v2.4h, v15.h[7]
	sqdmlsl2 v1.4s, v2.8h, v15.h[7]
	sqdmlsl v1.2d, v2.2s, v31.s[3]
	sqdmlsl2 v1.2d, v2.4s, v31.s[3]
	sqdmull v1.4s, v2.4h, v15.h[7]
	sqdmull2 v1.4s, v2.8h, v15.h[7]
	sqdmull v1.2d, v2.2s, v31.s[3]
	sqdmull2 v1.2d, v2.4s, v31.s[3]
	sqdmulh h1, h2, v3.h[1]
	sqrdmulh h1, h2, v3.h[1]
	sqdmlal s1, h2, v3.h[1]
	sqdmlsl s1, h2, v3.h[1]
	sqdmull s1, h2, v3.h[1]
	sqdmulh s1, s2, v3.s[1]
	sqrdmulh s1, s2, v3.s[1]
	sqdmlal d1, s2, v3.s[1]
	sqdmlsl d1, s2, v3.s[1]
	sqdmull d1, s2, v3.s[1]
