#pragma once
// The passphrase of an encrypted history, for the CLI commands that open the database. It never
// comes from the command line (argv is readable by every user through ps): it is asked on the
// terminal without echo, or read from the first line of a file with --passphrase-file FILE
// (`-` for standard input), for scripts.
#include <QString>
#include <QStringList>

class Database;

namespace history_passphrase {

// Takes `--passphrase-file FILE` (or `--passphrase-file=FILE`) out of args and returns FILE
// (empty when absent). Throws hearth::Error when FILE is missing.
QString takeFileOption(QStringList& args);
// The help line for commands that describe their options in prose.
QString optionHelp();

// The passphrase from file, or asked on the terminal. confirm: ask twice (a new passphrase).
// Throws hearth::Error with the way to give one when there is neither a file nor a terminal.
QString read(const QString& file, bool confirm);

// When db's history is encrypted and locked, unlocks it (read() for the passphrase); a wrong or
// missing passphrase throws hearth::Error and changes nothing.
void unlockIfNeeded(Database& db, const QString& file);

} // namespace history_passphrase
