// hearth: the desktop app. `hearth [--data-dir DIR] [--offline] [FILE.gguf]` loads the QML module
// "Hearth" by its qrc URL (Qt 6.4 has no loadFromModule) and opens FILE with its model selected.
// It owns the NetworkGate, the only way to the network, and hands it to the window.
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "core/networksettings.h"
#include "core/settingsfile.h"
#include "core/singleinstance.h"
#include "hearth/version.h"
#include "translations.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Hearth"));
    QGuiApplication::setOrganizationName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationVersion(QString::fromLatin1(hearth::kVersion));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.hearth.Hearth")); // the installed entry
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    SettingsFile::recoverIfDamaged(); // before any QSettings is read; the window shows the notice

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Private, offline chat with open language models."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Keep conversations and models in DIR."),
                                     QStringLiteral("DIR"));
    parser.addOption(dataDir);
    const QCommandLineOption offline(QStringLiteral("offline"), QStringLiteral("Start in offline mode: no network requests."));
    parser.addOption(offline);
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("A .gguf model file to open."), QStringLiteral("[FILE.gguf]"));
    parser.process(app);
    if (parser.isSet(dataDir))
        DataPaths::setOverride(parser.value(dataDir));
    const QStringList files = parser.positionalArguments();
    const QString startupModel = files.isEmpty() ? QString() : QFileInfo(files.first()).absoluteFilePath();

    SingleInstance instance(DataPaths::dataDir());
    if (instance.forwardToRunning(startupModel))
        return 0; // the running window opens the model and comes forward
    instance.listen();

    installTranslations(app);
    NetworkGate gate(networkLogPath());
    applyNetworkSettings(&gate, parser.isSet(offline), true);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml")); // Qt 6.4 does not search there by default
    engine.setInitialProperties({{QStringLiteral("startupModel"), startupModel},
                                 {QStringLiteral("networkGate"), QVariant::fromValue(&gate)}});
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
    QObject::connect(&instance, &SingleInstance::messageReceived, &engine, [&engine](const QString& model) {
        if (!engine.rootObjects().isEmpty())
            QMetaObject::invokeMethod(engine.rootObjects().first(), "bringForward", Q_ARG(QVariant, model));
    });
    return app.exec();
}
