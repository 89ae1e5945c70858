// hearth-cli history: encrypted history from the terminal. `status` tells whether the history is
// encrypted and how many values are sealed; `encrypt` turns encryption on (or finishes a run that
// was stopped or killed part-way); `decrypt` turns it off. Ctrl-C stops after the current batch,
// losing nothing: running the command again goes on where it stopped.
#include "command.h"
#include "core/datapaths.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "storage/database.h"
#include "storage/historyencryption.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <unistd.h>

namespace {

// A signal handler can reach nothing but a global; it only ever sets this flag.
std::atomic<bool> g_stop{false};

void onInterrupt(int)
{
    g_stop.store(true);
}

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

int status(Database& db, bool json)
{
    const HistoryEncryption::State state = HistoryEncryption::state(db);
    const qint64 sealed = HistoryEncryption::sealedValues(db);
    const qint64 plain = HistoryEncryption::plainValues(db);
    if (json) {
        QTextStream(stdout) << QJsonDocument(
                                   QJsonObject{{QStringLiteral("file"), db.filePath()},
                                               {QStringLiteral("state"), HistoryEncryption::stateName(state)},
                                               {QStringLiteral("sealedValues"), sealed},
                                               {QStringLiteral("plainValues"), plain}})
                                   .toJson(QJsonDocument::Indented);
        return 0;
    }
    QTextStream out(stdout);
    out << db.filePath() << ": encryption " << HistoryEncryption::stateName(state) << ", " << sealed
        << " values encrypted, " << plain << " in plain text\n";
    if (state == HistoryEncryption::State::Encrypting)
        out << "encryption was stopped part-way: run `hearth-cli history encrypt` to finish it\n";
    if (state == HistoryEncryption::State::Decrypting)
        out << "decryption was stopped part-way: run `hearth-cli history decrypt` to finish it\n";
    return 0;
}

// One line per tenth on a log, one line rewritten in place on a terminal.
HistoryEncryption::Progress progressPrinter(const char* verb)
{
    const bool terminal = isatty(fileno(stderr));
    return [verb, terminal, lastTenth = -1](qint64 done, qint64 total) mutable {
        const int tenth = total > 0 ? int(done * 10 / total) : 10;
        if (terminal || tenth != lastTenth)
            std::fprintf(stderr, "%s%s %lld/%lld values%s", terminal ? "\r" : "", verb, (long long)done,
                         (long long)total, terminal ? "" : "\n");
        lastTenth = tenth;
        std::fflush(stderr);
        return !g_stop.load();
    };
}

int convert(Database& db, bool encrypt, const QString& passphraseFile)
{
    const HistoryEncryption::State state = HistoryEncryption::state(db);
    if (encrypt && state == HistoryEncryption::State::On && HistoryEncryption::plainValues(db) == 0) {
        QTextStream(stdout) << "the history is encrypted already\n";
        return 0;
    }
    if (!encrypt && state == HistoryEncryption::State::Off) {
        QTextStream(stdout) << "the history is not encrypted\n";
        return 0;
    }
    // A new passphrase is asked twice; one in use (resuming, or decrypting) once, and checked.
    const QString passphrase =
        history_passphrase::read(passphraseFile, encrypt && state == HistoryEncryption::State::Off);
    g_stop.store(false);
    std::signal(SIGINT, onInterrupt);
    const auto progress = progressPrinter(encrypt ? "encrypting:" : "decrypting:");
    if (encrypt)
        HistoryEncryption::encrypt(db, passphrase, progress);
    else
        HistoryEncryption::decrypt(db, passphrase, progress);
    std::signal(SIGINT, SIG_DFL);
    if (isatty(fileno(stderr)))
        std::fputc('\n', stderr);
    if (g_stop.load()) {
        std::fprintf(stderr, "stopped; what was done is kept: run the same command again to go on\n");
        return 130;
    }
    QTextStream(stdout) << (encrypt ? "the history is encrypted\n" : "the history is no longer encrypted\n");
    return 0;
}

int runHistory(const QStringList& args)
{
    QStringList rest = args;
    const QString passphraseFile = history_passphrase::takeFileOption(rest);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Encrypted history. status: whether it is encrypted. encrypt: encrypt message text, "
            "titles, system prompts, document text and summaries with a passphrase (asked twice; a "
            "forgotten passphrase cannot be recovered). decrypt: remove the encryption. Ctrl-C "
            "stops after the current batch; run the command again to go on. ") +
        history_passphrase::optionHelp());
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("status, encrypt or decrypt"));
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Use another data folder."), QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("status: print one JSON object.")},
    });
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli history")} + rest))
        fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("data-dir")))
        DataPaths::setOverride(parser.value(QStringLiteral("data-dir")));
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        fail(QStringLiteral("which action? status, encrypt or decrypt (see --help)"));
    const QString action = positional.first();

    Database db(Database::defaultFilePath());
    db.open();
    if (action == QLatin1String("status"))
        return status(db, parser.isSet(QStringLiteral("json")));
    if (action == QLatin1String("encrypt") || action == QLatin1String("decrypt"))
        return convert(db, action == QLatin1String("encrypt"), passphraseFile);
    fail(QStringLiteral("unknown action '%1'; use status, encrypt or decrypt").arg(action));
}

} // namespace

static const CommandRegistrar
    registration("history", "encrypt or decrypt the saved history, or show its state", runHistory);
