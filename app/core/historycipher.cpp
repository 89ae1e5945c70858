#include "historycipher.h"

#include "hearth/error.h"

#include <sodium.h>

namespace history_cipher {

namespace {

constexpr unsigned char kFormat = 1;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

void requireSodium()
{
    if (sodium_init() < 0)
        throw hearth::Error("libsodium could not start (no source of random numbers?)");
}

const unsigned char* bytes(const QByteArray& data)
{
    return reinterpret_cast<const unsigned char*>(data.constData());
}

} // namespace

QByteArray randomSalt()
{
    requireSodium();
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    randombytes_buf(salt.data(), size_t(salt.size()));
    return salt;
}

Key deriveKey(const QString& passphrase, const QByteArray& salt, quint64 opsLimit, quint64 memLimit)
{
    requireSodium();
    if (salt.size() != crypto_pwhash_SALTBYTES || opsLimit < crypto_pwhash_OPSLIMIT_MIN ||
        opsLimit > crypto_pwhash_OPSLIMIT_MAX || memLimit < crypto_pwhash_MEMLIMIT_MIN ||
        memLimit > crypto_pwhash_MEMLIMIT_MAX)
        throw hearth::Error(
            "the history's key parameters are damaged (salt or Argon2id limits out of range)");
    const QByteArray secret = passphrase.toUtf8();
    Key key{};
    if (crypto_pwhash(key.data(), key.size(), secret.constData(), size_t(secret.size()), bytes(salt),
                      opsLimit, size_t(memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw hearth::Error("not enough memory to derive the history's key (Argon2id needs 64 MiB)");
    return key;
}

QByteArray seal(const Key& key, const QByteArray& plaintext, const QByteArray& associatedData)
{
    requireSodium();
    QByteArray sealed(qsizetype(1 + kNonceBytes + plaintext.size() + kTagBytes), Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    out[0] = kFormat;
    randombytes_buf(out + 1, kNonceBytes); // a fresh nonce per write: 192 bits never repeat by chance
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + kNonceBytes, &length, bytes(plaintext),
                                               size_t(plaintext.size()), bytes(associatedData),
                                               size_t(associatedData.size()), nullptr, out + 1, key.data());
    return sealed;
}

std::optional<QByteArray> open(const Key& key, const QByteArray& sealed, const QByteArray& associatedData)
{
    if (size_t(sealed.size()) < 1 + kNonceBytes + kTagBytes || bytes(sealed)[0] != kFormat)
        return std::nullopt;
    const unsigned char* nonce = bytes(sealed) + 1;
    const size_t cipherLength = size_t(sealed.size()) - 1 - kNonceBytes;
    QByteArray plaintext(qsizetype(cipherLength - kTagBytes), Qt::Uninitialized);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr, nonce + kNonceBytes,
            cipherLength, bytes(associatedData), size_t(associatedData.size()), nonce, key.data()) != 0)
        return std::nullopt;
    return plaintext;
}

void wipe(Key& key)
{
    sodium_memzero(key.data(), key.size());
}

} // namespace history_cipher
