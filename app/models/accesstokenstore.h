#pragma once
// The Hugging Face access token for gated repositories. It is kept out of the plain settings file:
// no keychain library is available on every platform we build for, so it lives in its own file in
// the config folder, readable by the owner only (0600). HF_TOKEN, the variable Hugging Face's own
// tools read, takes precedence.
#include <QString>

class AccessTokenStore {
  public:
    explicit AccessTokenStore(const QString& configDir);

    QString filePath() const { return m_path; }
    QString load() const;            // HF_TOKEN, else the stored token, else empty
    void save(const QString& token); // throws hearth::Error when the file cannot be written
    void clear();

  private:
    QString m_path;
};
