// The models of other apps, found in place: the Hugging Face cache, LM Studio's folders and
// Ollama's store built in a temporary folder as those apps lay them out; their names, the folders
// the environment chooses, what is skipped (and why), the bounded walk, and InstalledModels
// listing them, forgetting one, dropping a file that is gone and leaving a switched-off source out.
#include "externallayouts.h"
#include "ggufmodel.h"
#include "models/externalmodels.h"
#include "models/installedmodels.h"
#include "testdata.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>
#include <unistd.h>

namespace {
void writeText(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

const ExternalModel* named(const ExternalScan& scan, const QString& name)
{
    for (const ExternalModel& m : scan.models)
        if (m.name == name)
            return &m;
    return nullptr;
}

bool warned(const ExternalScan& scan, const QString& part)
{
    for (const QString& w : scan.warnings)
        if (w.contains(part))
            return true;
    return false;
}

QStringList names(const ExternalScan& scan)
{
    QStringList list;
    for (const ExternalModel& m : scan.models)
        list.append(m.name);
    list.sort();
    return list;
}
} // namespace

class TestExternalModels : public QObject {
    Q_OBJECT

    QTemporaryDir m_models; // small valid GGUF files to place
    QString m_tiny, m_other;

  private slots:
    void initTestCase()
    {
        m_tiny = m_models.filePath("tiny.gguf");
        m_other = m_models.filePath("other.gguf");
        writeTestGguf(m_tiny, "llama");
        writeTestGguf(m_other, "qwen2");
    }

    void huggingFaceCache()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath("hub");
        const QString oldRevision = "1111111111111111111111111111111111111111";
        // An older revision first: the same path there is left out, a path only it has stays.
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "tiny-Q4_K_M.gguf", m_other, oldRevision);
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "only-old.gguf", m_other, oldRevision);
        const QString tiny = addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "tiny-Q4_K_M.gguf", m_tiny);
        QVERIFY(QFileInfo(tiny).isSymLink());
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "Q8_0/tiny-Q8_0.gguf", m_tiny);
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "big-00001-of-00002.gguf", m_tiny);
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "big-00002-of-00002.gguf", m_other);
        addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "mmproj-tiny-f16.gguf", m_other);
        addHuggingFaceFile(hub, "gpt2", "", "x.gguf", m_tiny); // a repository without an owner
        const QString snapshot = QFileInfo(tiny).path();
        // A link whose blob was deleted, a .gguf that is not one, and files that are not models.
        QVERIFY(QFile::link("../../blobs/gone", snapshot + "/dangling.gguf"));
        writeText(snapshot + "/fake.gguf", "not a model");
        writeText(snapshot + "/README.md", "# Tiny");
        QVERIFY(QDir().mkpath(dir.filePath("hub/datasets--acme--data/snapshots/r")));
        writeTestGguf(dir.filePath("hub/datasets--acme--data/snapshots/r/d.gguf"));
        QVERIFY(QFile::link(snapshot, snapshot + "/loop")); // a link to a folder is not followed

        const ExternalScan scan = scanExternalRoots({{ModelSource::HuggingFace, hub}});
        QCOMPARE(
            names(scan),
            (QStringList{"acme/Tiny-GGUF/Q8_0/tiny-Q8_0.gguf", "acme/Tiny-GGUF/big-00001-of-00002.gguf",
                         "acme/Tiny-GGUF/only-old.gguf", "acme/Tiny-GGUF/tiny-Q4_K_M.gguf", "gpt2/x.gguf"}));
        const ExternalModel* m = named(scan, "acme/Tiny-GGUF/tiny-Q4_K_M.gguf");
        QVERIFY(m);
        QCOMPARE(m->path, tiny); // the snapshot's link, loaded in place
        QCOMPARE(m->source, ModelSource::HuggingFace);
        QVERIFY(warned(scan, "acme/Tiny-GGUF/dangling.gguf: the file it links to is missing"));
        QVERIFY(warned(scan, "acme/Tiny-GGUF/fake.gguf:"));
        QVERIFY(warned(scan, "is not a GGUF file"));
        QCOMPARE(scan.warnings.size(), 2);
    }

    void lmStudioFolders()
    {
        QTemporaryDir dir;
        const QString models = dir.filePath(".lmstudio/models");
        const QString older = dir.filePath(".cache/lm-studio/models");
        const QString path =
            addLmStudioFile(models, "lmstudio-community", "Tiny-GGUF", "tiny-Q4_K_M.gguf", m_tiny);
        addLmStudioFile(models, "lmstudio-community", "Tiny-GGUF", "mmproj-model-f16.gguf", m_tiny);
        addLmStudioFile(older, "TheBloke", "Old-GGUF", "old.Q4_0.gguf", m_other);
        writeText(models + "/loose.gguf", "a file outside PUBLISHER/REPO is not LM Studio's");
        addLmStudioFile(models, ".internal", "cache", "hidden.gguf", m_tiny); // hidden folders are not models
        // A FIFO named like a model: reading it would block the scan for good.
        QVERIFY(::mkfifo(QFile::encodeName(models + "/lmstudio-community/Tiny-GGUF/pipe.gguf").constData(),
                         0600) == 0);
        const ExternalScan scan =
            scanExternalRoots({{ModelSource::LmStudio, models}, {ModelSource::LmStudio, older}});
        QCOMPARE(names(scan), (QStringList{"TheBloke/Old-GGUF/old.Q4_0.gguf",
                                           "lmstudio-community/Tiny-GGUF/tiny-Q4_K_M.gguf"}));
        QCOMPARE(named(scan, "lmstudio-community/Tiny-GGUF/tiny-Q4_K_M.gguf")->path, path);
        QCOMPARE(named(scan, "TheBloke/Old-GGUF/old.Q4_0.gguf")->source, ModelSource::LmStudio);
        QCOMPARE(scan.warnings.size(), 1);
        QVERIFY(warned(scan, "pipe.gguf is not a regular file"));
    }

    void ollamaStore()
    {
        QTemporaryDir dir;
        const QString models = dir.filePath("ollama");
        const QString blob =
            addOllamaModel(models, "registry.ollama.ai", "library", "tiny", "latest", m_tiny);
        addOllamaModel(models, "registry.ollama.ai", "someone", "tiny", "q8", m_other);
        addOllamaModel(models, "hf.co", "acme", "Tiny-GGUF", "Q4_K_M", m_tiny);
        // Broken ones: not JSON, no model layer, a digest that tries to leave blobs/, a blob
        // that is missing, a blob that is not GGUF, an empty manifest.
        const QString library = models + "/manifests/registry.ollama.ai/library";
        writeText(library + "/broken/latest", "{ this is not json");
        writeText(
            library + "/nolayer/latest",
            R"({"layers":[{"mediaType":"application/vnd.ollama.image.license","digest":"sha256:00"}]})");
        writeText(
            library + "/escape/latest",
            R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:../../../../etc/passwd"}]})");
        writeText(library + "/missing/latest",
                  R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" +
                      QByteArray(64, 'a') + R"("}]})");
        writeText(models + "/blobs/sha256-" + QByteArray(64, 'b'), "GGML old format, not GGUF");
        writeText(library + "/oldformat/latest",
                  R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" +
                      QByteArray(64, 'b') + R"("}]})");
        writeText(library + "/empty/latest", "");
        writeText(library + "/huge/latest", QByteArray(2 << 20, ' '));

        const ExternalScan scan = scanExternalRoots({{ModelSource::Ollama, models}});
        QCOMPARE(names(scan), (QStringList{"hf.co/acme/Tiny-GGUF:Q4_K_M", "someone/tiny:q8", "tiny:latest"}));
        QCOMPARE(named(scan, "tiny:latest")->path, blob);
        QCOMPARE(named(scan, "tiny:latest")->source, ModelSource::Ollama);
        QVERIFY(warned(scan, "Skipped broken:latest"));
        QVERIFY(warned(scan, "Skipped nolayer:latest"));
        QVERIFY(warned(scan, "Skipped escape:latest"));
        QVERIFY(warned(scan, "Skipped missing:latest"));
        QVERIFY(warned(scan, "Skipped oldformat:latest"));
        QVERIFY(warned(scan, "Skipped empty:latest"));
        QVERIFY(warned(scan, "Skipped huge:latest: the manifest"));
        QVERIFY(warned(scan, "it is too large for a manifest"));
        QCOMPARE(scan.warnings.size(), 7);
    }

    void environmentChoosesTheFolders()
    {
        const auto rootsOf = [](ModelSource source) {
            QStringList paths;
            for (const ExternalRoot& r : defaultExternalRoots())
                if (r.source == source)
                    paths.append(r.path);
            return paths;
        };
        const QByteArray home = qgetenv("HOME");
        qputenv("HOME", "/home/u");
        qunsetenv("XDG_CACHE_HOME");
        qunsetenv("HF_HOME");
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("OLLAMA_MODELS");
        QCOMPARE(rootsOf(ModelSource::HuggingFace), QStringList{"/home/u/.cache/huggingface/hub"});
        QCOMPARE(rootsOf(ModelSource::LmStudio),
                 (QStringList{"/home/u/.lmstudio/models", "/home/u/.cache/lm-studio/models"}));
        QCOMPARE(rootsOf(ModelSource::Ollama),
                 (QStringList{"/home/u/.ollama/models", "/usr/share/ollama/.ollama/models"}));
        qputenv("XDG_CACHE_HOME", "/xdg");
        QCOMPARE(rootsOf(ModelSource::HuggingFace), QStringList{"/xdg/huggingface/hub"});
        qputenv("HF_HOME", "/hf/");
        QCOMPARE(rootsOf(ModelSource::HuggingFace), QStringList{"/hf/hub"});
        qputenv("HF_HUB_CACHE", "/cache/hub");
        QCOMPARE(rootsOf(ModelSource::HuggingFace), QStringList{"/cache/hub"});
        qputenv("OLLAMA_MODELS", "/srv/ollama");
        QCOMPARE(rootsOf(ModelSource::Ollama), QStringList{"/srv/ollama"});
        for (const char* name : {"XDG_CACHE_HOME", "HF_HOME", "HF_HUB_CACHE", "OLLAMA_MODELS"})
            qunsetenv(name);
        qputenv("HOME", home);
    }

    void walkIsBounded()
    {
        QTemporaryDir dir;
        const QString models = dir.filePath("lmstudio");
        for (int p = 0; p < 40; ++p)
            for (int r = 0; r < 10; ++r)
                QVERIFY(QDir().mkpath(QStringLiteral("%1/p%2/r%3").arg(models).arg(p).arg(r)));
        addLmStudioFile(models, "p0", "r0", "found.gguf", m_tiny);
        const ExternalScan scan = scanExternalRoots({{ModelSource::LmStudio, models}}, 100);
        QVERIFY(named(scan, "p0/r0/found.gguf")); // what was reached before the budget ran out
        QVERIFY(warned(scan, "Stopped looking for models"));
        QVERIFY(warned(scan, "more than 100 files and folders"));
        QCOMPARE(scan.warnings.size(), 1); // said once, not once per folder
        QCOMPARE(scanExternalRoots({{ModelSource::LmStudio, models}}).warnings, QStringList{});
    }

    void unreadableFolderIsSkipped()
    {
        if (geteuid() == 0)
            QSKIP("root reads every folder");
        QTemporaryDir dir;
        const QString models = dir.filePath("lmstudio");
        addLmStudioFile(models, "pub", "open", "a.gguf", m_tiny);
        addLmStudioFile(models, "pub", "closed", "b.gguf", m_tiny);
        QVERIFY(QFile::setPermissions(models + "/pub/closed", QFileDevice::Permissions()));
        const ExternalScan scan = scanExternalRoots({{ModelSource::LmStudio, models}});
        QFile::setPermissions(models + "/pub/closed",
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(names(scan), QStringList{"pub/open/a.gguf"});
        QVERIFY(warned(scan, "cannot be read"));
    }

    void installedModelsUsesForgetsAndDrops()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath("hub");
        const QString ollama = dir.filePath("ollama");
        const QString hfPath =
            addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "tiny.gguf", testdataPath("stories260K.gguf"));
        const QString blob =
            addOllamaModel(ollama, "registry.ollama.ai", "library", "tiny", "latest", m_other);
        const QString modelsDir = dir.filePath("hearth");
        QVERIFY(QDir().mkpath(modelsDir));
        writeTestGguf(modelsDir + "/tiny.gguf");
        const QList<ExternalRoot> roots{{ModelSource::HuggingFace, hub}, {ModelSource::Ollama, ollama}};

        InstalledModels installed(modelsDir, {}, roots);
        QCOMPARE(installed.scan().size(), 3);
        QCOMPARE(installed.models()[0].id, "tiny");
        QCOMPARE(installed.models()[0].source, ModelSource::Hearth);
        const InstalledModel* hf = installed.find("acme/Tiny-GGUF/tiny.gguf");
        QVERIFY(hf);
        QCOMPARE(hf->path, hfPath);
        QCOMPARE(hf->source, ModelSource::HuggingFace);
        QCOMPARE(hf->origin, InstalledModel::Origin::External);
        QCOMPARE(hf->info.architecture, "llama"); // the header, read through the link
        QCOMPARE(hf->info.parameters, 292800);
        const InstalledModel* ol = installed.find("tiny:latest");
        QVERIFY(ol);
        QCOMPARE(ol->path, blob);
        QCOMPARE(ol->info.architecture, "qwen2");

        // Forget: the file stays, the list leaves it out, also after a restart; remembered again.
        installed.remove("tiny:latest");
        QVERIFY(QFile::exists(blob));
        QVERIFY(!installed.find("tiny:latest"));
        QCOMPARE(installed.forgotten(), QStringList{blob});
        InstalledModels reopened(modelsDir, {}, roots);
        QCOMPARE(reopened.scan().size(), 2);
        QVERIFY(!reopened.find("tiny:latest"));
        reopened.rememberAll();
        QVERIFY(reopened.find("tiny:latest"));
        QVERIFY(reopened.forgotten().isEmpty());
        reopened.remove(blob);
        reopened.remember(blob);
        QVERIFY(reopened.find("tiny:latest"));

        // A source switched off is not looked at.
        InstalledModels withoutOllama(
            modelsDir, {}, {{ModelSource::HuggingFace, hub}, {ModelSource::Ollama, ollama, false}});
        QCOMPARE(withoutOllama.scan().size(), 2);
        QVERIFY(!withoutOllama.find("tiny:latest"));

        // The blob behind the Hugging Face link is deleted (by that app): dropped, with a warning.
        QVERIFY(QFile::remove(QFileInfo(hfPath).symLinkTarget()));
        QCOMPARE(reopened.scan().size(), 2);
        QVERIFY(!reopened.find("acme/Tiny-GGUF/tiny.gguf"));
        QCOMPARE(reopened.warnings().size(), 1);
        QVERIFY(reopened.warnings()[0].contains("acme/Tiny-GGUF/tiny.gguf"));
        // And the Ollama model is removed by Ollama: gone from the list, no longer forgotten.
        reopened.remove("tiny:latest");
        QVERIFY(QFile::remove(blob));
        reopened.scan();
        QVERIFY(reopened.forgotten().isEmpty());
        QCOMPARE(reopened.models().size(), 1);
    }

    void sameFileTwiceIsListedOnce()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath("hub");
        const QString link = addHuggingFaceFile(hub, "acme", "Tiny-GGUF", "tiny.gguf", m_tiny);
        // LM Studio was pointed at the same blob: one entry, the first one found.
        const QString lmstudio = dir.filePath("lmstudio");
        QVERIFY(QDir().mkpath(lmstudio + "/acme/Tiny-GGUF"));
        QVERIFY(QFile::link(QFileInfo(link).symLinkTarget(), lmstudio + "/acme/Tiny-GGUF/tiny.gguf"));
        InstalledModels installed(dir.filePath("hearth"), {},
                                  {{ModelSource::HuggingFace, hub}, {ModelSource::LmStudio, lmstudio}});
        QCOMPARE(installed.scan().size(), 1);
        QCOMPARE(installed.models()[0].source, ModelSource::HuggingFace);
    }
};

QTEST_GUILESS_MAIN(TestExternalModels)
#include "tst_externalmodels.moc"
