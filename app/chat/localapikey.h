#pragma once
// Settings → Local API → the key other devices must send: generated for the user (the system's
// cryptographic random source, server/apikey.h), stored in a file only the user can read, and
// shown once, right after it was made, with a copy button; afterwards only "regenerate" is
// offered, which stops the old key working at once.
#include "core/secretfile.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class LocalApiKey : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by LocalApiController")
    Q_PROPERTY(bool exists READ exists NOTIFY changed)
    Q_PROPERTY(QString revealed READ revealed NOTIFY changed)

  public:
    explicit LocalApiKey(const QString& configDir, QObject* parent = nullptr);

    bool exists() const { return !m_key.isEmpty(); }
    QString revealed() const { return m_revealed; } // the new key until hide(); "" otherwise
    QString value() const { return m_key; }         // for the server, never for QML
    QString filePath() const { return m_file.path(); }

    // Makes a new key, saves it and reveals it; throws hearth::Error when it cannot be saved
    // (then the old key stays).
    void generate();
    Q_INVOKABLE void hide();
    Q_INVOKABLE void copy() const; // the revealed key to the clipboard

  signals:
    void changed();

  private:
    SecretFile m_file;
    QString m_key;
    QString m_revealed;
};
