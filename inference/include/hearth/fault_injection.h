#pragma once
// Faults made on purpose, for the tests that prove what the user sees when a GPU fails: the n-th
// GPU memory allocation from now fails as out of memory, or the n-th GPU submission from now
// reports the device lost. Also set from the environment when the process starts
// (HEARTH_FAULT_GPU_ALLOCATION=N, HEARTH_FAULT_DEVICE_LOST=N), so whole programs can be tested.
// Each fault strikes once; 0 turns it off. Costs one atomic read per allocation and submission.
namespace hearth::fault_injection {

void fail_gpu_allocation(int nth);
void lose_device(int nth_submission);

} // namespace hearth::fault_injection
