#pragma once
// One hearth-cli subcommand: its name, a one-line summary for `hearth-cli help`, and its entry.
#include <QStringList>

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args); // args after the subcommand name; returns the exit code
};

// Every subcommand, in the order `hearth-cli help` lists them (commands.cpp).
const Command* findCommand(const QString& name);
QList<Command> allCommands();
