/*
 * Thumb code across a page boundary: an IT block whose instructions sit on
 * both pages (so the block continues in the next translation block) and a
 * 32-bit instruction whose two halfwords are on different pages.
 */
#include <stdint.h>
#include <stdio.h>

__asm__(".syntax unified\n"
        ".text\n"
        ".thumb\n"
        ".p2align 12\n"
        ".thumb_func\n"
        ".global page_fn\n"
        ".type page_fn, %function\n"
        "page_fn:\n"                          /* r0 = flag: 0 -> EQ path */
        "  cmp r0, #0\n"                      /* offset 0 */
        "  mov.w r0, #0\n"                    /* 2: no flags */
        "  .fill (4090 - 6) / 2, 2, 0xbf00\n" /* 6 .. 4089: NOPs */
        "  itte eq\n"                         /* 4090 */
        "  addeq r0, #1\n"                    /* 4092 */
        "  addeq.w r0, r0, #2\n"              /* 4094: straddles the page end */
        "  addne r0, #4\n"                    /* 4098: last of the block, next page */
        "  add.w r0, r0, #8\n"                /* 4100 */
        "  ite ne\n"                          /* 4104 */
        "  addne r0, #16\n"
        "  addeq r0, #32\n"
        "  bx lr\n");
uint32_t page_fn(uint32_t);

int main(void)
{
    printf("page %u %u\n", page_fn(0), page_fn(1));
    return 0;
}
