#ifndef DRAAGVLAK_FUZZ_DRIVER_H
#define DRAAGVLAK_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One input to a fuzz target; returns 0 (libFuzzer's convention for "keep going").
typedef int (*DraagvlakFuzzTarget)(const uint8_t *data, size_t size);

/// Hands the command line to libFuzzer's driver with `target` and exits with its status. SwiftPM
/// gives an executable target a `main` of its own, so libFuzzer's `main` cannot be used; its driver
/// can (LLVMFuzzerRunDriver, in libFuzzer since LLVM 11).
_Noreturn void draagvlak_fuzz_main(int argc, char **argv, DraagvlakFuzzTarget target);

#endif
