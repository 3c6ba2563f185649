#include "devices.h"
#include "parts.h"

extern const MdlDeviceClass mdl_ram_class;
extern const MdlDeviceClass mdl_rom_class;
extern const MdlDeviceClass mdl_ns16550a_class;
extern const MdlDeviceClass mdl_cmsdk_uart_class;
extern const MdlDeviceClass mdl_clint_class;
extern const MdlDeviceClass mdl_test_device_class;
extern const MdlDeviceClass mdl_mailbox_class;
extern const MdlDeviceClass mdl_framebuffer_class;
extern const MdlDeviceClass mdl_gpio_class;
extern const MdlDeviceClass mdl_plic_class;
extern const MdlDeviceClass mdl_cmsdk_timer_class;
extern const MdlDeviceClass mdl_cmsdk_dualtimer_class;
extern const MdlDeviceClass mdl_cmsdk_watchdog_class;
extern const MdlDeviceClass mdl_memory_mirror_class;
extern const MdlDeviceClass mdl_mps2_scc_class;
extern const MdlDeviceClass mdl_gicv2_class;
extern const MdlDeviceClass mdl_pl011_class;
extern const MdlDeviceClass mdl_pl031_class;

/* Adding a device: its file, and one line here. */
const MdlDeviceClass *const mdl_hw_device_classes[] = {
  &mdl_ram_class,
  &mdl_rom_class,
  &mdl_ns16550a_class,
  &mdl_cmsdk_uart_class,
  &mdl_pl011_class,
  &mdl_clint_class,
  &mdl_plic_class,
  &mdl_gicv2_class,
  &mdl_pl031_class,
  &mdl_mailbox_class,
  &mdl_framebuffer_class,
  &mdl_gpio_class,
  &mdl_led_class, &mdl_button_class, &mdl_switch_class, &mdl_seven_segment_class,
  &mdl_test_device_class,
  &mdl_cmsdk_timer_class,
  &mdl_cmsdk_dualtimer_class,
  &mdl_cmsdk_watchdog_class,
  &mdl_memory_mirror_class,
  &mdl_mps2_scc_class,
  NULL,
};
