// The registry of hearth-cli subcommands that the command files fill in as the program starts.
#include "command.h"

#include <algorithm>
#include <cstring>
#include <QtGlobal>

namespace {

// Constructed on first use, so registrations in other files' static initializers find it ready
// whatever order the linker puts those files in.
QList<Command>& registry()
{
    static QList<Command> commands;
    return commands;
}

} // namespace

CommandRegistrar::CommandRegistrar(const char* name, const char* summary, int (*run)(const QStringList& args))
{
    QList<Command>& commands = registry();
    const auto byName = [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; };
    const Command command{name, summary, run};
    const auto at = std::lower_bound(commands.begin(), commands.end(), command, byName);
    if (at != commands.end() && std::strcmp(at->name, name) == 0)
        qFatal("hearth-cli: two commands are named '%s'", name);
    commands.insert(at, command);
}

QList<Command> allCommands()
{
    return registry();
}

const Command* findCommand(const QString& name)
{
    for (const Command& command : registry())
        if (name == QLatin1String(command.name))
            return &command;
    return nullptr;
}
