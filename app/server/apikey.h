#pragma once
// The key clients must send (Authorization: Bearer KEY) when the window's local API listens on
// the local network: made from the system's cryptographic random source and kept in
// <config>/api-key, readable by the owner only, like the Hugging Face token.
#include "core/secretfile.h"

#include <QString>

namespace api_key {

// "hearth-" and 32 random bytes in base64url (43 characters): 256 bits no one guesses.
QString generate();
SecretFile file(const QString& configDir);

} // namespace api_key
