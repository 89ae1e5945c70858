#include "historycontroller.h"

#include "storage/database.h"
#include "storage/historyencryption.h"

#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr int kProgressMs = 100;
constexpr int kMinimumLength = 8;

} // namespace

HistoryController::HistoryController(QObject* parent)
    : QObject(parent), m_databasePath(Database::defaultFilePath())
{
    m_progressTimer.setInterval(kProgressMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &HistoryController::showProgress);
    connect(&m_watcher, &QFutureWatcher<HistoryOutcome>::finished, this, &HistoryController::onFinished);
    readState();
}

HistoryController::~HistoryController()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void HistoryController::readState()
{
    QString state = QStringLiteral("off");
    bool locked = false;
    try {
        Database db(m_databasePath);
        db.open();
        state = HistoryEncryption::stateName(HistoryEncryption::state(db));
        locked = HistoryEncryption::isLocked(db);
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what())); // the chat shows the same in its notice
    }
    if (state == m_state && locked == m_locked)
        return;
    m_state = state;
    m_locked = locked;
    emit stateChanged();
}

void HistoryController::setError(const QString& error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void HistoryController::clearError()
{
    setError({});
}

void HistoryController::unlock(const QString& passphrase)
{
    run(Operation::Unlock, passphrase);
}

void HistoryController::encrypt(const QString& passphrase)
{
    if (m_state == QLatin1String("off") && strength(passphrase) == 0) {
        setError(strengthHint(passphrase));
        return;
    }
    run(Operation::Encrypt, passphrase);
}

void HistoryController::decrypt(const QString& passphrase)
{
    run(Operation::Decrypt, passphrase);
}

void HistoryController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void HistoryController::run(Operation operation, const QString& passphrase)
{
    if (busy())
        return;
    if (passphrase.isEmpty()) {
        setError(tr("Enter the passphrase."));
        return;
    }
    setError({});
    m_operation = operation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_done = std::make_shared<std::atomic<qint64>>(0);
    m_total = std::make_shared<std::atomic<qint64>>(0);
    m_progress = -1;
    emit progressChanged();
    // Runs on a pool thread: a Database is used only on the thread that opened it, and the key
    // it unlocks reaches the window's own connections through storage/historykeys.h.
    m_watcher.setFuture(QtConcurrent::run(
        [path = m_databasePath, operation, passphrase, cancel = m_cancel, done = m_done, total = m_total] {
            HistoryOutcome outcome;
            const HistoryEncryption::Progress progress = [&](qint64 valuesDone, qint64 valuesTotal) {
                done->store(valuesDone);
                total->store(valuesTotal);
                return !cancel->load();
            };
            try {
                Database db(path);
                db.open();
                if (operation == Operation::Unlock)
                    HistoryEncryption::unlock(db, passphrase);
                else if (operation == Operation::Encrypt)
                    HistoryEncryption::encrypt(db, passphrase, progress);
                else
                    HistoryEncryption::decrypt(db, passphrase, progress);
            } catch (const WrongPassphraseError&) {
                outcome.wrongPassphrase = true;
            } catch (const hearth::Error& e) {
                outcome.error = QString::fromUtf8(e.what());
            }
            outcome.stopped = cancel->load();
            return outcome;
        }));
    m_progressTimer.start();
    emit busyChanged();
}

void HistoryController::showProgress()
{
    const qint64 total = m_total ? m_total->load() : 0;
    const double progress = total > 0 ? double(m_done->load()) / double(total) : -1;
    if (progress == m_progress)
        return;
    m_progress = progress;
    emit progressChanged();
}

void HistoryController::onFinished()
{
    m_progressTimer.stop();
    const HistoryOutcome outcome = m_watcher.result();
    if (outcome.wrongPassphrase)
        setError(tr("That passphrase is wrong. Nothing was changed."));
    else if (!outcome.error.isEmpty())
        setError(outcome.error);
    else if (outcome.stopped)
        setError(m_operation == Operation::Decrypt
                     ? tr("Stopped. What was decrypted stays so; Remove encryption goes on.")
                     : tr("Stopped. What was encrypted stays so; Encrypt my history goes on."));
    const bool ok = !outcome.wrongPassphrase && outcome.error.isEmpty() && !outcome.stopped;
    readState();
    emit busyChanged();
    if (!outcome.wrongPassphrase)
        emit historyChanged(); // even part-way: the connections' triggers follow the state
    emit finished(ok);
}

int HistoryController::strength(const QString& passphrase)
{
    if (passphrase.size() < kMinimumLength)
        return 0;
    int kinds = 0;
    bool lower = false, upper = false, digit = false, other = false, space = false;
    for (const QChar c : passphrase) {
        lower |= c.isLower();
        upper |= c.isUpper();
        digit |= c.isDigit();
        space |= c.isSpace();
        other |= !c.isLetterOrNumber() && !c.isSpace();
    }
    kinds = int(lower) + int(upper) + int(digit) + int(other) + int(space);
    // Length counts most: several words beat a short jumble of symbols.
    int score = passphrase.size() >= 20 ? 3 : passphrase.size() >= 14 ? 2 : 1;
    if (kinds >= 3)
        ++score;
    return qMin(score, 4);
}

QString HistoryController::strengthHint(const QString& passphrase)
{
    switch (strength(passphrase)) {
    case 0:
        return tr("Too short: use at least %1 characters.").arg(kMinimumLength);
    case 1:
        return tr("Weak: several words, 14 characters or more, are much harder to guess.");
    case 2:
        return tr("Fair: longer is stronger.");
    case 3:
        return tr("Strong.");
    default:
        return tr("Very strong.");
    }
}
