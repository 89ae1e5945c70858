// The models of other apps in the real window, offscreen: a Hugging Face cache, an LM Studio
// folder and an Ollama store under a temporary HOME are listed on Models → On this computer with
// a source badge each (Hearth's own model too); another app's model has Forget instead of Delete,
// and forgetting it leaves its file alone; a source switched off leaves the list, forgotten models
// come back. Screenshots: build/tests/screenshots/models-sources.png, settings-model-sources.png.
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "externallayouts.h"
#include "ggufmodel.h"
#include "modelscontroller.h"
#include "testdata.h"
#include "translations.h"

#include <memory>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

namespace {
// Through the visual tree: a ListView's delegates are not QObject children of the view.
void collect(QQuickItem* item, const QString& name, QList<QQuickItem*>& found)
{
    if (item->objectName() == name && item->isVisible())
        found.append(item);
    for (QQuickItem* child : item->childItems())
        collect(child, name, found);
}

QList<QQuickItem*> itemsNamed(QQuickWindow* window, const QString& name)
{
    QList<QQuickItem*> found;
    collect(window->contentItem(), name, found);
    return found;
}

// The card (InstalledModelDelegate) a button sits on.
QVariantMap cardOf(QQuickItem* item)
{
    for (; item; item = item->parentItem())
        if (item->property("modelData").isValid())
            return item->property("modelData").toMap();
    return {};
}
} // namespace

class TestModelSources : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ollamaBlob;

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings away from the user's own
        QVERIFY(m_dir.isValid());
        DataPaths::setOverride(m_dir.filePath("data"));
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)); // as main() does
        qputenv("HOME", m_dir.filePath("home").toUtf8());
        qputenv("HF_HOME", m_dir.filePath("hf").toUtf8());
        qputenv("OLLAMA_MODELS", m_dir.filePath("ollama").toUtf8());
        qputenv("HEARTH_MODELS_DIR", m_dir.filePath("models").toUtf8());
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("XDG_CACHE_HOME");
        QVERIFY(QDir().mkpath(m_dir.filePath("models")));
        writeTestGguf(m_dir.filePath("models/own-model.gguf"));
        const QString stories = testdataPath("stories260K.gguf");
        QVERIFY(!addHuggingFaceFile(m_dir.filePath("hf/hub"), "karpathy", "tinyllamas", "stories260K.gguf",
                                    stories)
                     .isEmpty());
        QVERIFY(!addLmStudioFile(m_dir.filePath("home/.lmstudio/models"), "lmstudio-community",
                                 "Stories-GGUF", "stories260K-Q8_0.gguf", stories)
                     .isEmpty());
        m_ollamaBlob = addOllamaModel(m_dir.filePath("ollama"), "registry.ollama.ai", "library", "tinyllama",
                                      "latest", testdataPath("llama-2-tiny-random.gguf"));
        QVERIFY(!m_ollamaBlob.isEmpty());
    }

    void listsSourcesAndForgets()
    {
        NetworkGate network;
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("networkGate"), QVariant::fromValue(&network)}});
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto* models = window->findChild<ModelsController*>();
        QVERIFY(models);

        window->setProperty("page", QStringLiteral("models"));
        auto* tabs = window->findChild<QObject*>(QStringLiteral("modelsTabs"));
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 1);
        auto* list = window->findChild<QQuickItem*>(QStringLiteral("installedList"));
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), 4);
        QTest::qWait(200);
        QStringList badges;
        for (QQuickItem* badge : itemsNamed(window, QStringLiteral("sourceBadge")))
            badges.append(badge->property("text").toString());
        badges.sort();
        QCOMPARE(badges, (QStringList{"Hearth", "Hugging Face", "LM Studio", "Ollama"}));
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(window->grabWindow().save(dir + QStringLiteral("/models-sources.png")));

        // Delete for Hearth's own model, Forget for the others; forgetting keeps the file.
        QQuickItem* forgetOllama = nullptr;
        for (QQuickItem* button : itemsNamed(window, QStringLiteral("removeButton"))) {
            const QVariantMap card = cardOf(button);
            QCOMPARE(button->property("text").toString(), card.value("source") == QLatin1String("hearth")
                                                              ? QStringLiteral("Delete")
                                                              : QStringLiteral("Forget"));
            if (card.value("source") == QLatin1String("ollama"))
                forgetOllama = button;
        }
        QVERIFY(forgetOllama);
        QCOMPARE(cardOf(forgetOllama).value("name").toString(), QStringLiteral("tinyllama:latest"));
        const QPointF center =
            forgetOllama->mapToScene(QPointF(forgetOllama->width() / 2, forgetOllama->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
        QTRY_COMPARE(list->property("count").toInt(), 3);
        QVERIFY(QFile::exists(m_ollamaBlob));
        QCOMPARE(models->forgottenCount(), 1);

        // Settings: the switch follows the stored setting; off leaves Hugging Face's model out.
        window->setProperty("page", QStringLiteral("settings"));
        // (The switches are made again from the sources list when it changes: found anew.)
        const auto hfSwitchChecked = [&] {
            const QList<QQuickItem*> switches =
                itemsNamed(window, QStringLiteral("sourceSwitch_huggingface"));
            return switches.size() == 1 && switches.first()->property("checked").toBool();
        };
        QTRY_VERIFY(hfSwitchChecked());
        models->setSourceEnabled(QStringLiteral("huggingface"), false);
        QTRY_VERIFY(!hfSwitchChecked());
        QCOMPARE(itemsNamed(window, QStringLiteral("sourceSwitch_huggingface")).size(), 1);
        QCOMPARE(QSettings().value(QStringLiteral("models/sources/huggingface")).toBool(), false);
        QCOMPARE(list->property("count").toInt(), 2);
        auto* remember = window->findChild<QQuickItem*>(QStringLiteral("rememberForgottenButton"));
        QVERIFY(remember);
        QVERIFY(remember->isVisible());
        QCOMPARE(remember->property("text").toString(), QStringLiteral("List 1 forgotten model again"));
        // Scrolled to the group for the screenshot.
        auto* group = window->findChild<QQuickItem*>(QStringLiteral("modelSourcesSettings"));
        QVERIFY(group);
        QQuickItem* flickable = group->parentItem();
        while (flickable && !flickable->property("contentY").isValid())
            flickable = flickable->parentItem();
        QVERIFY(flickable);
        auto* content = flickable->property("contentItem").value<QQuickItem*>();
        QVERIFY(content);
        flickable->setProperty("contentY", group->mapToItem(content, QPointF(0, 0)).y() - 16);
        QTest::qWait(200);
        QVERIFY(window->grabWindow().save(dir + QStringLiteral("/settings-model-sources.png")));
        models->rememberForgotten();
        models->setSourceEnabled(QStringLiteral("huggingface"), true);
        QCOMPARE(list->property("count").toInt(), 4);
        QVERIFY(!remember->isVisible());
    }
};

QTEST_MAIN(TestModelSources)
#include "tst_modelsources.moc"
