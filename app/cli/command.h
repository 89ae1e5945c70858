#pragma once
// One hearth-cli subcommand: its name, a one-line summary for `hearth-cli help`, and its entry.
// Each app/cli/<name>command.cpp registers itself at start-up with one line at its end,
//     static const CommandRegistrar registration("name", "summary", runName);
// so adding a command touches no shared file. hearth-cli compiles the command files straight into
// its executable (not through a static library), so the linker cannot drop a registration.
#include <QList>
#include <QStringList>

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args); // args after the subcommand name; returns the exit code
};

struct CommandRegistrar {
    // Adds the command; a second command of the same name stops the program (a build mistake).
    CommandRegistrar(const char* name, const char* summary, int (*run)(const QStringList& args));
};

// Every registered subcommand, sorted by name (the order `hearth-cli help` lists them).
QList<Command> allCommands();
const Command* findCommand(const QString& name);
