// `hearth-cli models` with the models of other apps, end to end: a Hugging Face cache, an LM
// Studio folder and an Ollama store built under a temporary HOME (HF_HOME, OLLAMA_MODELS point
// into it), listed by name, path and source; a malformed manifest is a warning; rm forgets
// (the file stays) and unforget lists it again; a source switched off in the settings is left out;
// and the model found in the Hugging Face cache loads and answers by its name.
#include "externallayouts.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

class TestExternalModelsCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_hfLink, m_lmStudioFile, m_ollamaBlob;

    struct Result {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result run(const QStringList& args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", m_dir.filePath("home"));
        env.insert("HF_HOME", m_dir.filePath("hf"));
        env.insert("OLLAMA_MODELS", m_dir.filePath("ollama"));
        env.insert("HEARTH_DATA_DIR", m_dir.filePath("data"));
        env.insert("HEARTH_MODELS_DIR", m_dir.filePath("hearth-models"));
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
        env.insert("HEARTH_OFFLINE", "1"); // nothing here needs the network
        for (const char* name : {"HF_HUB_CACHE", "XDG_CACHE_HOME"})
            env.remove(name);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(hearthCli(), args);
        if (!process.waitForFinished(120000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QJsonArray list()
    {
        const Result r = run({"models", "list", "--json"});
        if (r.exitCode != 0)
            qWarning() << r.err;
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }

    static QJsonObject named(const QJsonArray& models, const QString& name)
    {
        for (const QJsonValue& v : models)
            if (v.toObject()["name"].toString() == name)
                return v.toObject();
        return {};
    }

    void setSource(const QString& key, const QVariant& enabled)
    {
        QSettings settings(m_dir.filePath("config/Hearth/Hearth.conf"), QSettings::IniFormat);
        if (enabled.isValid())
            settings.setValue("models/sources/" + key, enabled);
        else
            settings.remove("models/sources/" + key);
    }

  private slots:
    void initTestCase()
    {
        const QString stories = testdataPath("stories260K.gguf");
        QVERIFY(QFile::exists(stories));
        m_hfLink = addHuggingFaceFile(m_dir.filePath("hf/hub"), "karpathy", "tinyllamas", "stories260K.gguf",
                                      stories);
        QVERIFY(QFileInfo(m_hfLink).isSymLink());
        m_lmStudioFile = addLmStudioFile(m_dir.filePath("home/.lmstudio/models"), "lmstudio-community",
                                         "Stories-GGUF", "stories260K.gguf", stories);
        m_ollamaBlob = addOllamaModel(m_dir.filePath("ollama"), "registry.ollama.ai", "library", "stories",
                                      "260k", testdataPath("llama-2-tiny-random.gguf"));
        QDir().mkpath(m_dir.filePath("ollama/manifests/registry.ollama.ai/library/broken"));
        QFile broken(m_dir.filePath("ollama/manifests/registry.ollama.ai/library/broken/latest"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"layers\": [");
    }

    void listShowsNamePathAndSource()
    {
        const Result r = run({"models", "list", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray models = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(models.size(), 3);
        const QJsonObject hf = named(models, "karpathy/tinyllamas/stories260K.gguf");
        QCOMPARE(hf["path"].toString(), m_hfLink);
        QCOMPARE(hf["source"].toString(), "huggingface");
        QCOMPARE(hf["architecture"].toString(), "llama");
        QCOMPARE(hf["error"].toString(), QString());
        const QJsonObject lm = named(models, "lmstudio-community/Stories-GGUF/stories260K.gguf");
        QCOMPARE(lm["path"].toString(), m_lmStudioFile);
        QCOMPARE(lm["source"].toString(), "lmstudio");
        const QJsonObject ollama = named(models, "stories:260k");
        QCOMPARE(ollama["path"].toString(), m_ollamaBlob);
        QCOMPARE(ollama["source"].toString(), "ollama");
        QCOMPARE(ollama["id"].toString(), "stories:260k");
        // The malformed manifest is skipped, saying why, on stderr (the JSON stays parseable).
        QVERIFY2(r.err.contains("warning: Skipped broken:latest: the manifest"), qPrintable(r.err));

        const Result human = run({"models", "list"});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("SOURCE"));
        for (const char* label : {"Hugging Face", "LM Studio", "Ollama"})
            QVERIFY2(human.out.contains(label), label);
        QVERIFY(human.out.contains("stories:260k"));
        QVERIFY(human.err.contains("warning: Skipped broken:latest"));
    }

    void rmForgetsAndUnforgetRemembers()
    {
        const Result rm = run({"models", "rm", "stories:260k"});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
        QVERIFY2(rm.out.startsWith("Forgot " + m_ollamaBlob), qPrintable(rm.out));
        QVERIFY(QFile::exists(m_ollamaBlob)); // Ollama's file is never deleted
        QVERIFY(named(list(), "stories:260k").isEmpty());
        QCOMPARE(list().size(), 2);

        const Result again = run({"models", "unforget"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(again.out.contains(m_ollamaBlob));
        QCOMPARE(named(list(), "stories:260k")["source"].toString(), "ollama");
        QVERIFY(run({"models", "unforget"}).out.contains("No model was forgotten."));
    }

    void sourceSwitchedOffIsLeftOut()
    {
        setSource("ollama", false);
        setSource("lmstudio", false);
        const Result r = run({"models", "list", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray models = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(models.size(), 1);
        QCOMPARE(models[0].toObject()["source"].toString(), "huggingface");
        QVERIFY(!r.err.contains("broken:latest")); // Ollama's store was not even looked at
        setSource("ollama", {});
        setSource("lmstudio", {});
        QCOMPARE(list().size(), 3);
    }

    void fileThatDisappearsIsDropped()
    {
        const QString path = addLmStudioFile(m_dir.filePath("home/.lmstudio/models"), "gone", "Soon-GGUF",
                                             "soon.gguf", testdataPath("stories260K.gguf"));
        QVERIFY(!named(list(), "gone/Soon-GGUF/soon.gguf").isEmpty());
        QVERIFY(QFile::remove(path));
        QVERIFY(named(list(), "gone/Soon-GGUF/soon.gguf").isEmpty());
        QCOMPARE(list().size(), 3);
    }

    void huggingFaceModelAnswersByItsName()
    {
        const Result r = run({"generate", "-m", "karpathy/tinyllamas/stories260K.gguf", "-p", "", "-n", "16",
                              "--temp", "0", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject answer = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QFile file(testdataPath("stories260K.greedy200.tokens.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> expected = file.readAll().simplified().split(' ');
        const QJsonArray tokens = answer["tokens"].toArray();
        QCOMPARE(tokens.size(), 16);
        for (int i = 0; i < tokens.size(); ++i)
            QCOMPARE(tokens[i].toInt(), expected[i].toInt()); // the greedy reference: the real model answered
        QVERIFY(!answer["text"].toString().isEmpty());

        const Result missing = run({"generate", "-m", "karpathy/tinyllamas/nothing.gguf", "-p", "x"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no installed model or file 'karpathy/tinyllamas/nothing.gguf'"),
                 qPrintable(missing.err));
    }
};

QTEST_GUILESS_MAIN(TestExternalModelsCli)
#include "tst_externalmodelscli.moc"
