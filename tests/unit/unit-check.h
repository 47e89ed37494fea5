/*
 * What every unit test shares: CHECK(cond, fmt, ...) counts a check and,
 * when cond is false, prints "FAIL file:line: cond: message" and counts a
 * failure (the test's main prints the summary and exits non-zero if
 * failures > 0).  Include once, from the test's .c file.
 */
#ifndef MIMIC_UNIT_CHECK_H
#define MIMIC_UNIT_CHECK_H

#include <stdio.h>

static int failures, checks;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        checks++;                                                                                  \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                 \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

/* The globals linux-user/main.c defines, for tests that link the syscall
   layer or the loader without main.c (needs linux-user/user.h). */
#define UNIT_MAIN_GLOBALS                                                                          \
    Options opt;                                                                                   \
    FILE *log_fp;                                                                                  \
    ImageInfo image;                                                                               \
    const TargetOps *target

#endif
