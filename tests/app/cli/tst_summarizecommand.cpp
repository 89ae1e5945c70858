// The document commands that need a model, as a user runs them: `summarize` of a text file with
// stories260K on the default device (its JSON fields, citations of real lines, a rerun on the
// stored document by id, the errors for a missing file, a bad style and a missing model), and
// `docs ask` answering from the passage that matches the question.
#include "cli_run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

class TestSummarizeCommand : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_text;

    QStringList args(const QStringList& more) const
    {
        return QStringList{"summarize", "-m", testdataPath("stories260K.gguf"), "--ctx", "512",
                           "--data-dir", m_dir.path()} + more;
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_text = m_dir.filePath("story.txt");
        QFile file(m_text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int paragraph = 0; paragraph < 12; ++paragraph)
            file.write("Lily went to the park with her mom. She saw a big red ball under a tree. Tom the dog "
                       "wanted to play with the ball too. They ran and laughed all day.\n\n");
    }

    void summarizesAFileWithCitations()
    {
        const CliRun run = runCli(args({m_text, "--json"}), 300000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        for (const char* key : {"summary", "style", "model", "pages", "chunks", "rounds", "citations", "prompt_tokens",
                                "evaluated_tokens", "generated_tokens", "seconds", "resumed_chunks"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o["style"].toString(), QStringLiteral("brief"));
        const QJsonArray chunks = o["chunks"].toArray();
        QVERIFY(chunks.size() >= 2); // 12 paragraphs do not fit a 512-token context in one pass
        QVERIFY(o["evaluated_tokens"].toInt() < o["prompt_tokens"].toInt());
        // A text without pages is cited by its lines, which exist.
        const QRegularExpression line(QStringLiteral("\\[l\\. ([0-9]+)(?:\\x{2013}([0-9]+))?"));
        const QRegularExpressionMatch m = line.match(o["summary"].toString());
        QVERIFY2(m.hasMatch(), qPrintable(o["summary"].toString()));
        QVERIFY(m.captured(1).toInt() >= 1 && m.captured(2).toInt() <= 24);
        // stderr is a pipe here, as for a log file: progress comes as whole lines, one per step.
        const QString progress = QString::fromUtf8(run.err);
        QVERIFY2(!progress.contains(QLatin1Char('\r')), run.err.constData());
        QVERIFY2(progress.count(QStringLiteral("prompt tokens evaluated")) >= chunks.size(), run.err.constData());

        // The document is stored: the same summary by its id.
        const CliRun again = runCli(args({"--doc", QString::number(o["document"].toInt()), "--json"}), 300000);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object()["summary"], o["summary"]);
    }

    void docsAskAnswersFromTheMatchingPassage()
    {
        const QString notes = m_dir.filePath("notes.md");
        QFile file(notes);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# Boats\n\nThe red boat sails at noon from the old harbour.\n\n"
                   "# Trains\n\nThe night train leaves the station at ten.\n");
        file.close();
        const CliRun added = runCli({"docs", "add", notes, "--json", "--chunk-tokens", "16", "--data-dir", m_dir.path()});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        const int id = QJsonDocument::fromJson(added.out).object()["id"].toInt();
        const CliRun run = runCli({"docs", "ask", QString::number(id), "When does the night train leave?", "-m",
                                   testdataPath("stories260K.gguf"), "--temp", "0", "-n", "8", "--json",
                                   "--data-dir", m_dir.path()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QVERIFY(!o["answer"].toString().isEmpty());
        const QJsonArray sources = o["sources"].toArray();
        QVERIFY(!sources.isEmpty());
        QCOMPARE(sources.first().toObject()["section"].toString(), QStringLiteral("Trains"));
        const CliRun unknown = runCli({"docs", "ask", "999", "Why?", "-m", testdataPath("stories260K.gguf"),
                                       "--data-dir", m_dir.path()});
        QVERIFY(unknown.exitCode != 0);
    }

    void badInputIsOneLineAndNonZero_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QStringList{"/nonexistent/report.pdf"} << QStringLiteral("report.pdf");
        QTest::newRow("bad style") << QStringList{"--style", "poem", "x.txt"} << QStringLiteral("--style");
        QTest::newRow("unknown document") << QStringList{"--doc", "9999"} << QStringLiteral("9999");
    }

    void badInputIsOneLineAndNonZero()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliRun run = runCli(args(arguments));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        const CliRun noModel = runCli({"summarize", m_text, "--data-dir", m_dir.path()});
        QVERIFY(noModel.exitCode != 0);
        QVERIFY(noModel.err.contains("-m FILE"));
    }
};

QTEST_GUILESS_MAIN(TestSummarizeCommand)
#include "tst_summarizecommand.moc"
