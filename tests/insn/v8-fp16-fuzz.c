/*
 * Random differential test of the ARMv8.2 half-precision VFP instructions
 * (FEAT_FP16: cp9 arithmetic, conversions, vrint, vsel, vmaxnm, vmov.f16,
 * vldr.16/vstr.16, vins/vmovx): neon-fuzz.c with half-precision lanes
 * and FPSCR.FZ16/AHP in the random modes.  The reference is qemu-arm with
 * its "max" CPU:
 * reference-args: -cpu max
 */
#define NEON_FUZZ_FP16
#include "neon-fuzz.c"
