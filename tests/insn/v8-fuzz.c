/*
 * Random differential test of the ARMv8 AArch32 SIMD and floating-point
 * additions (crypto, vmaxnm/vminnm, vrint*, vcvt{a,n,p,m}, vsel, vmull.p64,
 * half precision with doubles): neon-fuzz.c with only those encodings.
 * The reference is qemu-arm with its "max" CPU:
 * reference-args: -cpu max
 */
#define NEON_FUZZ_V8
#include "neon-fuzz.c"
