#pragma once
// The Hugging Face access token for gated repositories, in <config>/huggingface-token, readable
// by the owner only (core/secretfile.h). HF_TOKEN, the variable Hugging Face's own tools read,
// takes precedence.
#include "core/secretfile.h"

#include <QString>

class AccessTokenStore {
  public:
    explicit AccessTokenStore(const QString& configDir);

    QString filePath() const { return m_file.path(); }
    QString load() const;            // HF_TOKEN, else the stored token, else empty
    void save(const QString& token); // throws hearth::Error when the file cannot be written
    void clear() { m_file.clear(); }

  private:
    SecretFile m_file;
};
