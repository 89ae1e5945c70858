// Database: the data folder, pragmas, migrations from every committed schema fixture, and the
// faults that must never lose a user's data (damaged file, newer schema, unusable folder).
#include "core/datapaths.h"
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storagescript.h"
#include "testdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

namespace {

QVariant scalar(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT

  private slots:
    void dataDirResolution()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("HEARTH_DATA_DIR");
        DataPaths::setOverride({});
        QCOMPARE(DataPaths::dataDir(),
                 QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        qputenv("HEARTH_DATA_DIR", "/tmp/hearth-env-dir/");
        QCOMPARE(DataPaths::dataDir(), QStringLiteral("/tmp/hearth-env-dir"));
        DataPaths::setOverride(QStringLiteral("/tmp/hearth-override"));
        QCOMPARE(DataPaths::dataDir(), QStringLiteral("/tmp/hearth-override"));
        QCOMPARE(Database::defaultFilePath(), QStringLiteral("/tmp/hearth-override/conversations.db"));

        QStringList args{QStringLiteral("list"), QStringLiteral("--data-dir"), QStringLiteral("/tmp/a"),
                         QStringLiteral("--json")};
        QVERIFY(DataPaths::takeDataDirOption(args));
        QCOMPARE(args, (QStringList{QStringLiteral("list"), QStringLiteral("--json")}));
        QCOMPARE(DataPaths::dataDir(), QStringLiteral("/tmp/a"));
        args = {QStringLiteral("--data-dir=rel")};
        QVERIFY(DataPaths::takeDataDirOption(args));
        QVERIFY(args.isEmpty());
        QCOMPARE(DataPaths::dataDir(), QDir::current().absoluteFilePath(QStringLiteral("rel")));
        args = {QStringLiteral("--data-dir")};
        QVERIFY(!DataPaths::takeDataDirOption(args));

        DataPaths::setOverride({});
        qunsetenv("HEARTH_DATA_DIR");
    }

    void freshDatabase()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("a/b/conversations.db"))); // folders are created
        db.open();
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
        // The SQLite under Qt's driver (Debian's links the system library) must have FTS5.
        QCOMPARE(scalar(db, QStringLiteral("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(), 0);
        QVERIFY(scalar(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'"))
                    .toString()
                    .contains(QStringLiteral("prefix='2 3'")));
        QVERIFY(db.movedAsidePath().isEmpty());
        db.close();
        db.open(); // again: nothing to migrate
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    }

    void everyVersionHasAFixture()
    {
        for (int v = 1; v <= Database::kSchemaVersion; ++v)
            QVERIFY2(QFile::exists(QStringLiteral(STORAGE_FIXTURES "/v%1.db").arg(v)),
                     qPrintable(
                         QStringLiteral("no fixture for schema %1: run storage_helper make-fixture").arg(v)));
    }

    void migrateFromFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        const QDir fixtures(QStringLiteral(STORAGE_FIXTURES));
        for (const QString& name : fixtures.entryList({QStringLiteral("v*.db")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << fixtures.filePath(name);
    }

    void migrateFromFixture()
    {
        QFETCH(QString, fixture);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        Database db(path);
        db.open();
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_key_check")), QVariant());

        ConversationStore store(db);
        QCOMPARE(store.count(false), 1);
        QCOMPARE(store.count(true), 1);
        const Conversation c = store.list(0, 10).value(0);
        QCOMPARE(c.title, fixture::kBranchTitle);
        QCOMPARE(c.titleSource, TitleSource::User);
        QCOMPARE(c.systemPrompt, fixture::kSystemPrompt);
        QCOMPARE(c.settings.value(QStringLiteral("temperature")).toDouble(), 0.7);
        QCOMPARE(c.messageCount, 5);
        const QList<Message> active = store.activePath(c.id);
        QCOMPARE(active.size(), 2);
        QCOMPARE(active[0].content, fixture::kEditedQuestion);
        QCOMPARE(active[0].siblingIndex, 2);
        QCOMPARE(active[0].siblingCount, 2);
        QCOMPARE(active[1].content, fixture::kRegeneratedAnswer);
        QCOMPARE(active[1].reasoning, fixture::kReasoning);
        QCOMPARE(active[1].tokensPerSecond, 18.5);
        QCOMPARE(active[1].finishReason, QStringLiteral("stop"));
        QCOMPARE(active[1].siblingIndex, 2);

        // Messages written before the search index existed are found (the migration indexed them).
        QCOMPARE(store.search(QStringLiteral("cafe")).size(), 2);
        QCOMPARE(store.search(QStringLiteral("東京")).size(), 1);
        QCOMPARE(store.search(QStringLiteral("sourdough")).value(0).conversationTitle, fixture::kPinnedTitle);
        // And the store keeps working on the migrated file.
        Message more;
        more.content = QStringLiteral("after the migration");
        store.appendMessage(c.id, more);
        QCOMPARE(store.search(QStringLiteral("migration")).size(), 1);
    }

    void migratesOneStepAtATime()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        {
            Database db(path);
            db.open(1);
            QCOMPARE(db.schemaVersion(), 1);
            QCOMPARE(
                scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts'"))
                    .toInt(),
                0);
        }
        Database db(path);
        db.open();
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts'"))
                     .toInt(),
                 1);
    }

    void damagedFileIsMovedAside_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text file") << QByteArray("these are my notes, not a database\n");
        QByteArray random(8192, '\0');
        for (int i = 0; i < random.size(); ++i)
            random[i] = char((i * 7919 + 13) % 251);
        QTest::newRow("random bytes") << random;
        // A real header, then garbage where the schema page should be.
        QByteArray header("SQLite format 3\0", 16);
        header.append(QByteArray(4096 - 16, char(0xA5)));
        header.append(random);
        QTest::newRow("sqlite header, damaged pages") << header;
    }

    void damagedFileIsMovedAside()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        writeFile(path, bytes);
        writeFile(path + QStringLiteral("-wal"), QByteArray("wal of the damaged file"));
        Database db(path);
        db.open();
        QVERIFY(db.isOpen());
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
        const QString aside = db.movedAsidePath();
        QVERIFY(aside.startsWith(path + QStringLiteral(".corrupt-")));
        QFile moved(aside);
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), bytes); // never deleted, never changed
        QVERIFY(QFile::exists(aside + QStringLiteral("-wal")));
        QVERIFY(db.movedAsideNotice().contains(aside));
        ConversationStore store(db);
        QCOMPARE(store.create().id, 1); // a fresh, working database
    }

    void newerSchemaIsRefusedUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        {
            Database db(path);
            db.open();
            ConversationStore(db).create();
            db.exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::kSchemaVersion + 1), {});
            db.exec(QStringLiteral("PRAGMA journal_mode = DELETE"), {});
        }
        const QByteArray before = fileHash(path);
        const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);
        Database db(path);
        try {
            db.open();
            QFAIL("a newer schema was opened");
        } catch (const hearth::Error& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(QStringLiteral("newer version of Hearth")), e.what());
            QVERIFY(message.contains(path));
        }
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    }

    void unusableFolderIsReported()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("file")), "x");
        Database db(dir.filePath(QStringLiteral("file/sub/conversations.db"))); // a folder under a file
        try {
            db.open();
            QFAIL("opened a database in a folder that cannot exist");
        } catch (const hearth::Error& e) {
            QVERIFY2(
                QString::fromStdString(e.what()).contains(QStringLiteral("could not create the data folder")),
                e.what());
        }
    }

    void readOnlyFolderIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        {
            Database db(path);
            db.open();
            ConversationStore(db).create();
        }
        const QByteArray before = fileHash(path);
        const auto readOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
        const auto exec = QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
        QVERIFY(QFile::setPermissions(path, readOnly));
        QVERIFY(QFile::setPermissions(dir.path(), readOnly | exec));
        const auto restore =
            qScopeGuard([&] { QFile::setPermissions(dir.path(), readOnly | exec | QFile::WriteOwner); });

        // Root ignores file permissions: as root, run the CLI as an ordinary user (nobody).
        const auto cli = [&](const QStringList& args) {
            QProcess p;
            if (geteuid() == 0)
                p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("nobody"),
                                                               QStringLiteral("--"), hearthCli()} +
                                                       args);
            else
                p.start(hearthCli(), args);
            p.waitForFinished(20000);
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
        };
        if (cli({QStringLiteral("version")}).first != 0)
            QSKIP(
                "cannot run hearth-cli as an ordinary user here (no runuser, or the build is not readable)");
        const auto [exitCode, error] = cli({QStringLiteral("conversations"), QStringLiteral("--data-dir"),
                                            dir.path(), QStringLiteral("list")});
        QCOMPARE(exitCode, 1);
        QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void directoryInPlaceOfTheFileIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        QVERIFY(QDir().mkpath(path));
        Database db(path);
        QVERIFY_THROWS_EXCEPTION(hearth::Error, db.open());
        QVERIFY(QFileInfo(path).isDir()); // nothing moved or deleted
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
