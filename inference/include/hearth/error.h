#pragma once
// The one exception type the engine throws. Its message is written for the user: it says what is
// wrong and, where possible, what to do ("model needs 5.1 GB of GPU memory, the device has 3.8 GB").
#include <stdexcept>
#include <string>

namespace hearth {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace hearth
