// The bundled catalog, its parser and refresh, the settings resolution, the token file, fit hints.
#include "core/networkgate.h"
#include "hearth/devices.h"
#include "hearth/error.h"
#include "models/accesstokenstore.h"
#include "models/catalog.h"
#include "models/catalogrefresher.h"
#include "models/fithint.h"
#include "models/modelfile.h"
#include "models/modelsconfig.h"
#include "testhub.h"
#include "waituntil.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

class TestCatalog : public QObject {
    Q_OBJECT

  private slots:
    void bundledCatalogListsTheModels_data()
    {
        QTest::addColumn<QString>("id");
        for (const char* id : {"llama-3.2-1b-instruct-q4_k_m",
                               "llama-3.2-3b-instruct-q4_k_m",
                               "llama-3.1-8b-instruct-q4_k_m",
                               "qwen2.5-0.5b-instruct-q4_k_m",
                               "qwen2.5-0.5b-instruct-q8_0",
                               "qwen2.5-1.5b-instruct-q4_k_m",
                               "qwen2.5-3b-instruct-q4_k_m",
                               "qwen2.5-7b-instruct-q4_k_m",
                               "qwen3-0.6b-q4_k_m",
                               "qwen3-0.6b-q8_0",
                               "qwen3-1.7b-q4_k_m",
                               "qwen3-4b-q4_k_m",
                               "qwen3-8b-q4_k_m",
                               "gemma-3-1b-it-q4_k_m",
                               "gemma-3-4b-it-q4_k_m",
                               "phi-3.5-mini-instruct-q4_k_m",
                               "phi-4-mini-instruct-q4_k_m",
                               "mistral-7b-instruct-v0.3-q4_k_m",
                               "smollm2-1.7b-instruct-q4_k_m",
                               "deepseek-r1-distill-qwen-1.5b-q4_k_m",
                               "deepseek-r1-distill-qwen-7b-q4_k_m"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void bundledCatalogListsTheModels()
    {
        QFETCH(QString, id);
        const Catalog catalog = Catalog::bundled();
        const CatalogEntry* e = catalog.find(id);
        QVERIFY(e);
        QVERIFY(!e->name.isEmpty() && !e->family.isEmpty() && !e->architecture.isEmpty());
        QVERIFY(e->parameters > 100'000'000);
        QVERIFY(e->contextLength >= 8192);
        QVERIFY(!e->license.isEmpty() && !e->description.isEmpty());
        QVERIFY(e->repo.count('/') == 1);
        QVERIFY(e->file.endsWith(".gguf"));
        QVERIFY2(e->file.contains(e->format, Qt::CaseInsensitive), qPrintable(e->file));
        QCOMPARE(catalog.findFile(e->repo, e->file), e);
    }

    void parserRejectsBadCatalogs_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{");
        QTest::newRow("no models") << QByteArray(R"({"version":1})");
        QTest::newRow("no file") << QByteArray(R"({"models":[{"id":"a","name":"A","repo":"o/r"}]})");
        QTest::newRow("path in file")
            << QByteArray(R"({"models":[{"id":"a","name":"A","repo":"o/r","file":"../x.gguf"}]})");
        QTest::newRow("bad sha") << QByteArray(
            R"({"models":[{"id":"a","name":"A","repo":"o/r","file":"x.gguf","sha256":"12"}]})");
        QTest::newRow("duplicate") << QByteArray(
            R"({"models":[{"id":"a","name":"A","repo":"o/r","file":"x.gguf"},
                                                              {"id":"a","name":"B","repo":"o/r","file":"y.gguf"}]})");
    }

    void parserRejectsBadCatalogs()
    {
        QFETCH(QByteArray, json);
        QVERIFY_THROWS_EXCEPTION(hearth::Error, Catalog::fromJson(json));
    }

    void knownSizeAndShaAreRead()
    {
        const Catalog c =
            Catalog::fromJson(QByteArray(R"({"models":[{"id":"a","name":"A","repo":"o/r","file":"x.gguf",
            "size":123,"sha256":")") +
                              QByteArray(64, 'A') + "\"}]}");
        QCOMPARE(c.entries().size(), 1);
        QCOMPARE(c.entries()[0].size, 123);
        QCOMPARE(c.entries()[0].sha256, QString(64, 'a'));
        QCOMPARE(Catalog::bundled().entries()[0].size, -1); // null: not known
    }

    void refreshReplacesCacheOnlyWithAValidCatalog()
    {
        TestHub hub;
        NetworkGate network;
        QTemporaryDir dir;
        const QString cache = dir.filePath("catalog.json");
        hub.addStatic("/good.json", R"({"models":[{"id":"x","name":"X","repo":"o/r","file":"x.gguf"}]})");
        hub.addStatic("/bad.json", R"({"models":"nope"})");

        CatalogRefresher bad(&network, QUrl(hub.url().toString() + "/bad.json"), cache);
        QSignalSpy badFailed(&bad, &CatalogRefresher::failed);
        bad.refresh();
        QVERIFY(waitUntil([&] { return badFailed.size() == 1; }));
        QVERIFY(!QFile::exists(cache));
        QVERIFY(Catalog::load(cache).find("qwen3-0.6b-q4_k_m")); // still the bundled one

        CatalogRefresher good(&network, QUrl(hub.url().toString() + "/good.json"), cache);
        QSignalSpy refreshed(&good, &CatalogRefresher::refreshed);
        good.refresh();
        QVERIFY(waitUntil([&] { return refreshed.size() == 1; }));
        QCOMPARE(refreshed[0][0].toInt(), 1);
        QCOMPARE(Catalog::load(cache).entries().size(), 1);

        CatalogRefresher missing(&network, QUrl(hub.url().toString() + "/missing.json"), cache);
        QSignalSpy missingFailed(&missing, &CatalogRefresher::failed);
        missing.refresh();
        QVERIFY(waitUntil([&] { return missingFailed.size() == 1; }));
        QCOMPARE(Catalog::load(cache).entries().size(), 1); // the last good copy stays

        QFile damaged(cache);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{ damaged");
        damaged.close();
        QVERIFY(Catalog::load(cache).entries().size() > 20); // falls back to the bundled one
    }

    void configFromSettingsAndEnvironment()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.conf"), QSettings::IniFormat);
        qputenv("HEARTH_DATA_DIR", dir.filePath("data").toUtf8());
        qunsetenv("HEARTH_MODELS_DIR");
        qunsetenv("HF_ENDPOINT");
        ModelsConfig c = ModelsConfig::load(settings);
        QCOMPARE(c.modelsDir, dir.filePath("data/models"));
        QCOMPARE(c.hubEndpoint, QUrl("https://huggingface.co"));
        QCOMPARE(c.maxParallelDownloads, 2);

        settings.setValue("models/dir", dir.filePath("chosen"));
        settings.setValue("hub/endpoint", "https://mirror.example/");
        settings.setValue("models/maxParallelDownloads", 3);
        c = ModelsConfig::load(settings);
        QCOMPARE(c.modelsDir, dir.filePath("chosen"));
        QCOMPARE(c.hubEndpoint, QUrl("https://mirror.example"));
        QCOMPARE(c.maxParallelDownloads, 3);

        qputenv("HEARTH_MODELS_DIR", dir.filePath("env").toUtf8());
        qputenv("HF_ENDPOINT", "http://127.0.0.1:9");
        c = ModelsConfig::load(settings);
        QCOMPARE(c.modelsDir, dir.filePath("env"));
        QCOMPARE(c.hubEndpoint, QUrl("http://127.0.0.1:9"));
        qunsetenv("HEARTH_MODELS_DIR");
        qunsetenv("HF_ENDPOINT");
        qunsetenv("HEARTH_DATA_DIR");
    }

    void tokenFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        qunsetenv("HF_TOKEN");
        AccessTokenStore store(dir.filePath("config"));
        QCOMPARE(store.load(), QString());
        // A looser file from elsewhere is tightened before the secret goes in.
        QDir().mkpath(dir.filePath("config"));
        QFile loose(store.filePath());
        QVERIFY(loose.open(QIODevice::WriteOnly));
        loose.close();
        QVERIFY(
            loose.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup));
        store.save("  hf_abc123 \n");
        struct stat st {};
        QCOMPARE(stat(QFile::encodeName(store.filePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(store.load(), "hf_abc123");
        qputenv("HF_TOKEN", "hf_from_env");
        QCOMPARE(store.load(), "hf_from_env");
        qunsetenv("HF_TOKEN");
        store.clear();
        QCOMPARE(store.load(), QString());
        QVERIFY_THROWS_EXCEPTION(hearth::Error, store.save("  "));

        QTemporaryDir fresh;
        AccessTokenStore created(fresh.filePath("new/dir"));
        created.save("hf_x");
        QCOMPARE(stat(QFile::encodeName(created.filePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
    }

    void fitHints_data()
    {
        QTest::addColumn<qint64>("needed");
        QTest::addColumn<qint64>("device");
        QTest::addColumn<qint64>("host");
        QTest::addColumn<int>("fit");
        constexpr qint64 GiB = 1ll << 30;
        QTest::newRow("small on 8 GB") << 2 * GiB << 8 * GiB << 16 * GiB << int(Fit::Fits);
        QTest::newRow("just under 90%") << 7 * GiB << 8 * GiB << 16 * GiB << int(Fit::Fits);
        QTest::newRow("spills to host") << 9 * GiB << 8 * GiB << 16 * GiB << int(Fit::FitsPartly);
        QTest::newRow("too large") << 40 * GiB << 8 * GiB << 16 * GiB << int(Fit::TooLarge);
        QTest::newRow("integrated, no spill") << 9 * GiB << 8 * GiB << 0ll << int(Fit::TooLarge);
    }

    void fitHints()
    {
        QFETCH(qint64, needed);
        QFETCH(qint64, device);
        QFETCH(qint64, host);
        QFETCH(int, fit);
        QCOMPARE(int(fitHint(needed, device, host)), fit);
    }

    void memoryEstimate()
    {
        // Llama 3.1 8B's shape: 32 layers, 4096 wide, 32 heads, 8 KV heads of 128.
        ModelFileInfo info;
        info.layers = 32;
        info.embeddingLength = 4096;
        info.headCount = 32;
        info.headCountKv = 8;
        const MemoryEstimate e = estimateMemory(info, 4'900'000'000, 8192);
        QCOMPARE(e.kvCache, 32ll * 8192 * 8 * (128 + 128) * 2); // 1 GiB of f16 K and V
        QCOMPARE(e.weights, 4'900'000'000);
        QVERIFY(e.workspace >= 64ll << 20);
        QCOMPARE(e.total(), e.weights + e.kvCache + e.workspace);
        QCOMPARE(fitText(fitHint(e.total(), 8ll << 30, 16ll << 30)), "fits");
        QCOMPARE(fitText(fitHint(e.total(), 6ll << 30, 16ll << 30)), "fits partly (runs slower)");
        QCOMPARE(fitText(fitHint(e.total(), 2ll << 30, 2ll << 30)), "too large");
        // A catalog model before download: about 4.9 bits per weight for Q4_K_M.
        QVERIFY(qAbs(estimateWeightBytes(8'030'000'000, "Q4_K_M") - 4'918'000'000) < 10'000'000);
        QCOMPARE(estimateWeightBytes(1000, "NOPE"), -1);
    }

    void deviceMemoryFromHeaps()
    {
        hearth::DeviceInfo discrete;
        discrete.type = hearth::DeviceType::Discrete;
        discrete.heaps = {{8ull << 30, true}, {32ull << 30, false}, {256ull << 20, true}};
        QCOMPARE(deviceMemory(discrete).device, 8ll << 30);
        QCOMPARE(deviceMemory(discrete).host, 32ll << 30);
        hearth::DeviceInfo integrated;
        integrated.type = hearth::DeviceType::Integrated;
        integrated.heaps = {{16ull << 30, true}};
        QCOMPARE(deviceMemory(integrated).device, 16ll << 30);
        QCOMPARE(deviceMemory(integrated).host, 0);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
