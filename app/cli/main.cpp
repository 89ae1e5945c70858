// hearth-cli: the command-line face of Hearth. Dispatches to one subcommand per file and turns
// the engine's errors into one line on stderr and a non-zero exit.
#include "command.h"
#include "core/settingsfile.h"
#include "hearth/error.h"

#include <QCoreApplication>
#include <QTextStream>

#include <exception>

static int printUsage(QTextStream& out)
{
    out << "usage: hearth-cli <command> [options]\n\ncommands:\n";
    for (const Command& c : allCommands())
        out << "  " << QString::fromLatin1(c.name).leftJustified(18) << c.summary << "\n";
    out << "\n`hearth-cli <command> --help` describes a command's options.\n";
    return 2;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hearth"));
    QTextStream err(stderr);
    if (const QString notice = SettingsFile::recoverIfDamaged(); !notice.isEmpty())
        err << "hearth-cli: " << notice << "\n";
    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == QLatin1String("help") || args[1] == QLatin1String("--help")) {
        QTextStream out(stdout);
        printUsage(out);
        return args.size() < 2 ? 2 : 0;
    }
    const Command* command = findCommand(args[1]);
    if (!command) {
        err << "hearth-cli: unknown command '" << args[1] << "'\n";
        return printUsage(err);
    }
    try {
        return command->run(args.mid(2));
    } catch (const hearth::Error& e) {
        err << "hearth-cli " << args[1] << ": " << e.what() << "\n";
    } catch (const std::exception& e) {
        err << "hearth-cli " << args[1] << ": internal error: " << e.what() << "\n";
    }
    return 1;
}
