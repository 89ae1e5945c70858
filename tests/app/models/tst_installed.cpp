// The installed-models index: scanning, header facts, the cache, import (copy and in place), delete.
#include "ggufmodel.h"
#include "hearth/error.h"
#include "models/installedmodels.h"
#include "testdata.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {
void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}
} // namespace

class TestInstalled : public QObject {
    Q_OBJECT

  private slots:
    void scanReadsHeaders()
    {
        QTemporaryDir dir;
        writeTestGguf(dir.filePath("qwen-q4.gguf"), "qwen2", 15, true);
        QVERIFY(QFile::copy(testdataPath("stories260K.gguf"), dir.filePath("stories260K.gguf")));
        writeText(dir.filePath("half.gguf.part"), "GGUF");
        writeText(dir.filePath("half.gguf.part.json"), "{}");
        writeText(dir.filePath("notes.txt"), "hello");
        writeText(dir.filePath("broken.gguf"), "this is not a model");

        InstalledModels installed(dir.path(), {});
        const QList<InstalledModel>& models = installed.scan();
        QCOMPARE(models.size(), 3); // the .part and the text file are not models
        const InstalledModel* qwen = installed.find("qwen-q4");
        QVERIFY(qwen);
        QVERIFY(qwen->error.isEmpty());
        QCOMPARE(qwen->info.architecture, "qwen2");
        QCOMPARE(qwen->info.format, "Q4_K_M");
        QCOMPARE(qwen->info.parameters, 64 * 10 + 64);
        QCOMPARE(qwen->info.contextLength, 4096);
        QVERIFY(qwen->info.hasChatTemplate);
        QCOMPARE(qwen->info.layers, 3);
        QCOMPARE(qwen->info.headCountKv, 2);
        QCOMPARE(qwen->origin, InstalledModel::Origin::ModelsFolder);

        const InstalledModel* stories = installed.find("stories260K.gguf");
        QVERIFY(stories);
        QCOMPARE(stories->info.architecture, "llama");
        QCOMPARE(stories->info.parameters, 292800); // the README's count of values
        QCOMPARE(stories->info.format, "F32");
        QCOMPARE(stories->info.contextLength, 2048);
        QVERIFY(!stories->info.hasChatTemplate);

        const InstalledModel* broken = installed.find("broken");
        QVERIFY(broken);
        QVERIFY(!broken->error.isEmpty()); // listed, with the reason it cannot be loaded
    }

    void indexIsACacheKeyedBySizeAndTime()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("m.gguf");
        writeTestGguf(path, "llama", 7, false);
        InstalledModels(dir.path(), {}).scan();
        QFile index(dir.filePath("index.json"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(index.readAll()).object();
        index.close();
        // Mark the cached entry, so a later scan shows whether it read the file or the cache.
        QJsonArray models = root["models"].toArray();
        QJsonObject entry = models[0].toObject();
        QJsonObject info = entry["info"].toObject();
        QCOMPARE(info["format"].toString(), "Q8_0");
        info["architecture"] = "from-cache";
        entry["info"] = info;
        models[0] = entry;
        root["models"] = models;
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write(QJsonDocument(root).toJson());
        index.close();

        {
            InstalledModels again(dir.path(), {});
            QCOMPARE(again.scan().first().info.architecture, "from-cache");
        }
        // A changed file is read again.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
        file.close();
        InstalledModels third(dir.path(), {});
        QCOMPARE(third.scan().first().info.architecture, "llama");
    }

    void extraFoldersAndDuplicateNames()
    {
        QTemporaryDir models, extra;
        writeTestGguf(models.filePath("same.gguf"), "llama", 15, true);
        writeTestGguf(extra.filePath("same.gguf"), "qwen2", 15, true);
        InstalledModels installed(models.path(), {extra.path()});
        const QList<InstalledModel>& list = installed.scan();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].id, "same");
        QCOMPARE(list[1].id, "same-2");
        QCOMPARE(list[1].origin, InstalledModel::Origin::ExtraFolder);
        QCOMPARE(installed.find(extra.filePath("same.gguf"))->info.architecture, "qwen2");
    }

    void importCopyAndInPlace()
    {
        QTemporaryDir models, outside;
        writeTestGguf(outside.filePath("mine.gguf"), "gemma3", 15, true);
        writeTestGguf(outside.filePath("linked.gguf"), "phi3", 15, true);
        writeText(outside.filePath("fake.gguf"), "not a model at all");
        writeText(outside.filePath("model.bin"), "GGUF");

        InstalledModels installed(models.filePath("m"), {});
        const InstalledModel copied =
            installed.importFile(outside.filePath("mine.gguf"), InstalledModels::ImportMode::Copy);
        QCOMPARE(copied.path, QDir(models.filePath("m")).absoluteFilePath("mine.gguf"));
        QCOMPARE(copied.info.architecture, "gemma3");
        QVERIFY(QFile::exists(outside.filePath("mine.gguf")));
        QVERIFY(!QFile::exists(copied.path + ".part"));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, installed.importFile(outside.filePath("mine.gguf"),
                                                                     InstalledModels::ImportMode::Copy));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, installed.importFile(outside.filePath("fake.gguf"),
                                                                     InstalledModels::ImportMode::Copy));
        QVERIFY(!QFile::exists(models.filePath("m/fake.gguf")));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, installed.importFile(outside.filePath("model.bin"),
                                                                     InstalledModels::ImportMode::Copy));

        const InstalledModel linked =
            installed.importFile(outside.filePath("linked.gguf"), InstalledModels::ImportMode::Reference);
        QCOMPARE(linked.path, outside.filePath("linked.gguf"));
        QCOMPARE(linked.origin, InstalledModel::Origin::Reference);
        // The reference survives a restart.
        InstalledModels reopened(models.filePath("m"), {});
        QCOMPARE(reopened.scan().size(), 2);

        // Removing the reference forgets it; the user's file stays.
        reopened.remove("linked");
        QVERIFY(QFile::exists(outside.filePath("linked.gguf")));
        QCOMPARE(reopened.models().size(), 1);
        // Removing a model in the models folder deletes the file and its index entry.
        reopened.remove("mine");
        QVERIFY(!QFile::exists(copied.path));
        QVERIFY(reopened.models().isEmpty());
        QVERIFY(!InstalledModels(models.filePath("m"), {}).scan().size());
        QVERIFY_THROWS_EXCEPTION(hearth::Error, reopened.remove("mine"));
    }

    void cancelledCopyLeavesNothing()
    {
        QTemporaryDir models, outside;
        writeTestGguf(outside.filePath("big.gguf"), "llama", 15, true);
        InstalledModels installed(models.path(), {});
        QVERIFY_THROWS_EXCEPTION(hearth::Error, installed.importFile(outside.filePath("big.gguf"),
                                                                     InstalledModels::ImportMode::Copy,
                                                                     [](qint64, qint64) { return false; }));
        QVERIFY(!QFile::exists(models.filePath("big.gguf")));
        QVERIFY(!QFile::exists(models.filePath("big.gguf.part")));
    }
};

QTEST_GUILESS_MAIN(TestInstalled)
#include "tst_installed.moc"
