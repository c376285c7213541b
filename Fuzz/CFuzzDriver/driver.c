#include "CFuzzDriver.h"

#include <stdlib.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

void draagvlak_fuzz_main(int argc, char **argv, DraagvlakFuzzTarget target) {
    exit(LLVMFuzzerRunDriver(&argc, &argv, target));
}
