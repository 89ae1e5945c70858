#pragma once
// The cryptography of encrypted history (libsodium), with no SQL: a 32-byte key derived from a
// passphrase with Argon2id, and XChaCha20-Poly1305 sealing of one value. A sealed value is
//     0x01 (format) | 24-byte random nonce | ciphertext with its 16-byte tag
// and is bound to its place (table, column, row) through the associated data, so a sealed value
// copied into another row or column does not open.
#include <array>
#include <optional>
#include <QByteArray>
#include <QString>

namespace history_cipher {

using Key = std::array<unsigned char, 32>;

// Argon2id limits: libsodium's "interactive" level (2 passes, 64 MiB), about a quarter of a
// second per unlock on a desktop CPU. Stored with the salt, so a later Hearth can raise them.
constexpr quint64 kOpsLimit = 2;
constexpr quint64 kMemLimit = 64ull << 20;
constexpr int kSaltBytes = 16;

// Throws hearth::Error when libsodium cannot start or the limits are out of its range.
QByteArray randomSalt();
Key deriveKey(const QString& passphrase, const QByteArray& salt, quint64 opsLimit, quint64 memLimit);

QByteArray seal(const Key& key, const QByteArray& plaintext, const QByteArray& associatedData);
// nullopt when the value is not a sealed value or was sealed with another key or for another place.
std::optional<QByteArray> open(const Key& key, const QByteArray& sealed, const QByteArray& associatedData);

void wipe(Key& key);

} // namespace history_cipher
