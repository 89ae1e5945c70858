#include "historypassphrase.h"

#include "hearth/error.h"
#include "storage/database.h"
#include "storage/historyencryption.h"

#include <cstdio>
#include <iostream>
#include <QFile>
#include <string>
#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#define isatty _isatty
#define STDIN_FILENO 0
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace history_passphrase {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

QString firstLine(QByteArray data)
{
    const qsizetype end = data.indexOf('\n');
    if (end >= 0)
        data.truncate(end);
    if (data.endsWith('\r'))
        data.chop(1);
    return QString::fromUtf8(data);
}

QString fromFile(const QString& path)
{
    if (path == QLatin1String("-")) {
        std::string line;
        std::getline(std::cin, line);
        return firstLine(QByteArray::fromStdString(line));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("could not read the passphrase file %1: %2").arg(path, file.errorString()));
    return firstLine(file.readLine(64 * 1024));
}

// Turns the terminal's echo off while it lives.
class NoEcho {
  public:
    NoEcho()
    {
#ifdef Q_OS_WIN
        m_input = GetStdHandle(STD_INPUT_HANDLE);
        m_restore = GetConsoleMode(m_input, &m_mode) != 0;
        if (m_restore)
            SetConsoleMode(m_input, m_mode & ~DWORD(ENABLE_ECHO_INPUT));
#else
        m_restore = tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_restore) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
#endif
    }
    ~NoEcho()
    {
#ifdef Q_OS_WIN
        if (m_restore)
            SetConsoleMode(m_input, m_mode);
#else
        if (m_restore)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#endif
        std::fputc('\n', stderr); // the Enter the user typed was not echoed
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

  private:
#ifdef Q_OS_WIN
    HANDLE m_input = nullptr;
    DWORD m_mode = 0;
#else
    termios m_saved{};
#endif
    bool m_restore = false;
};

QString ask(const char* prompt)
{
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    std::string line;
    {
        const NoEcho quiet;
        std::getline(std::cin, line);
    }
    return firstLine(QByteArray::fromStdString(line));
}

} // namespace

QString takeFileOption(QStringList& args)
{
    const QString option = QStringLiteral("--passphrase-file");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == option) {
            if (i + 1 >= args.size())
                fail(QStringLiteral("--passphrase-file needs a file (or - for standard input)"));
            const QString file = args[i + 1];
            args.remove(i, 2);
            return file;
        }
        if (args[i].startsWith(option + QLatin1Char('='))) {
            const QString file = args[i].mid(option.size() + 1);
            args.remove(i);
            return file;
        }
    }
    return {};
}

QString optionHelp()
{
    return QStringLiteral(
        "An encrypted history asks for its passphrase on the terminal; --passphrase-file FILE "
        "reads it from FILE's first line instead (- for standard input).");
}

QString read(const QString& file, bool confirm)
{
    QString passphrase;
    if (!file.isEmpty()) {
        passphrase = fromFile(file);
    } else {
        if (!isatty(STDIN_FILENO))
            fail(QStringLiteral("the passphrase is asked on a terminal; without one, give it with "
                                "--passphrase-file FILE (- reads standard input)"));
        passphrase = ask(confirm ? "New passphrase for the history: " : "Passphrase of the history: ");
        if (confirm && !passphrase.isEmpty() && ask("The same passphrase again: ") != passphrase)
            fail(QStringLiteral("the two passphrases differ; nothing was changed"));
    }
    if (passphrase.isEmpty())
        fail(QStringLiteral("the passphrase is empty; nothing was changed"));
    return passphrase;
}

void unlockIfNeeded(Database& db, const QString& file)
{
    if (!HistoryEncryption::isLocked(db))
        return;
    if (file.isEmpty() && !isatty(STDIN_FILENO))
        fail(QStringLiteral("the history is encrypted: give its passphrase with --passphrase-file FILE "
                            "(- reads standard input), or run this on a terminal to be asked"));
    HistoryEncryption::unlock(db, read(file, false));
}

} // namespace history_passphrase
