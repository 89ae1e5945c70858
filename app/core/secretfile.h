#pragma once
// A secret kept in a file of its own, readable by the owner only (0600): the Hugging Face access
// token, the local API's key. No keychain library is available on every platform we build for,
// so secrets stay out of the plain settings file this way.
#include <QString>

class SecretFile {
  public:
    // `description` names the secret in error messages ("the access token").
    SecretFile(QString path, QString description);

    const QString& path() const { return m_path; }
    QString load() const;             // the stored secret, trimmed; empty when there is none
    void save(const QString& secret); // one line; throws hearth::Error when it cannot be written
    void clear();

  private:
    QString m_path;
    QString m_description;
};
