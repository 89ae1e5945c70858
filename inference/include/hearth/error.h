#pragma once
// The exception type the engine throws (and one kind of it that needs more than a message). Its message is written for the user: it says what is
// wrong and, where possible, what to do ("model needs 5.1 GB of GPU memory, the device has 3.8 GB").
#include <stdexcept>
#include <string>

namespace hearth {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// The GPU stopped working under the engine (VK_ERROR_DEVICE_LOST: a driver reset, a hang, the
// card removed). Everything made on it is gone; the engine must be made anew.
class DeviceLostError : public Error {
public:
    using Error::Error;
};

} // namespace hearth
