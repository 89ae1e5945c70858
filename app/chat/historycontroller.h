#pragma once
// Encrypted history in the window: whether the history is encrypted and still locked, the
// unlock at start-up, and turning encryption on or off from Settings. Every slow step (Argon2id
// takes about a second, sealing a long history minutes) runs on a pool thread over a database
// connection of its own, with its progress polled from the GUI thread and a Cancel that stops
// after the current batch (nothing is lost: encrypting again goes on). historyChanged tells the
// window's other controllers to reopen their connections (HistoryEncryption needs that after
// unlocking, encrypting or decrypting).
#include <atomic>
#include <memory>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

// What one operation off the GUI thread came to.
struct HistoryOutcome {
    QString error;
    bool wrongPassphrase = false;
    bool stopped = false;
};

class HistoryController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)         // off, encrypting, on, decrypting
    Q_PROPERTY(bool locked READ locked NOTIFY stateChanged)          // encrypted and not yet unlocked
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)               // an operation runs
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged) // 0..1, or -1 while unknown
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)         // the last operation's, for the user

  public:
    explicit HistoryController(QObject* parent = nullptr);
    ~HistoryController() override;

    QString state() const { return m_state; }
    bool locked() const { return m_locked; }
    bool busy() const { return m_watcher.isRunning(); }
    double progress() const { return m_progress; }
    QString error() const { return m_error; }

    Q_INVOKABLE void unlock(const QString& passphrase);
    // Turns encryption on (or finishes it) with passphrase; refused when it is too weak.
    Q_INVOKABLE void encrypt(const QString& passphrase);
    Q_INVOKABLE void decrypt(const QString& passphrase);
    Q_INVOKABLE void cancel();
    Q_INVOKABLE void clearError();

    // For the passphrase dialog: 0 (too short to use) .. 4, and a sentence saying why.
    Q_INVOKABLE static int strength(const QString& passphrase);
    Q_INVOKABLE static QString strengthHint(const QString& passphrase);

  signals:
    void stateChanged();
    void busyChanged();
    void progressChanged();
    void errorChanged();
    void historyChanged(); // unlocked, encrypted or decrypted: reopen the database connections
    void finished(bool ok);

  private:
    enum class Operation { Unlock, Encrypt, Decrypt };
    void run(Operation operation, const QString& passphrase);
    void onFinished();
    void readState();
    void setError(const QString& error);
    void showProgress();

    QString m_databasePath;
    QString m_state = QStringLiteral("off");
    bool m_locked = false;
    double m_progress = -1;
    QString m_error;
    Operation m_operation = Operation::Unlock;
    QFutureWatcher<HistoryOutcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<qint64>> m_done;
    std::shared_ptr<std::atomic<qint64>> m_total;
    QTimer m_progressTimer;
};
