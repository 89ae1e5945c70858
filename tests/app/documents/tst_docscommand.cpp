// hearth-cli docs, run as a user would: add (JSON fields, reuse), list, show a page, search with
// pages, rm; and every bad input refused with one line on stderr naming the file, a non-zero
// exit, and nothing added.
#include "cli_run.h"
#include "documentfixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestDocsCommand : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    CliRun docs(QStringList args,
                const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(environment);
        p.start(hearthCli(), QStringList{"docs"} + args + QStringList{"--data-dir", m_dir.filePath("data")});
        if (!p.waitForFinished(120000))
            p.kill();
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QJsonObject json(const CliRun& run)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        [&] { QVERIFY2(error.error == QJsonParseError::NoError, run.out + run.err); }();
        return document.object();
    }

    int documentCount()
    {
        return static_cast<int>(json(docs({"list", "--json"}))["documents"].toArray().size());
    }

    void refused(const QString& file, const QStringList& options, const QString& expected,
                 const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        const int before = documentCount();
        const CliRun run = docs(QStringList{"add", file} + options, environment);
        QVERIFY2(run.exitCode != 0, run.out.constData());
        const QString err = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(err.startsWith("hearth-cli docs: " + file + ": "), qPrintable(err));
        QVERIFY2(!err.contains('\n'), qPrintable(err));
        QVERIFY2(err.contains(expected, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(documentCount(), before);
    }

  private slots:
    void addListShowSearchRemove()
    {
        const QString file = path("fruit.pdf");
        fixtures::writeTextPdf(
            file, {"Apples grow in orchards.", "Bananas grow in plantations.", "Cherries are red."}, "Fruit");
        const CliRun added = docs({"add", file, "--json"});
        QCOMPARE(added.exitCode, 0);
        const QJsonObject d = json(added);
        QCOMPARE(d["title"].toString(), QStringLiteral("Fruit"));
        QCOMPARE(d["format"].toString(), QStringLiteral("pdf"));
        QCOMPARE(d["pages"].toInt(), 3);
        QVERIFY(d["chars"].toInt() > 60);
        QCOMPARE(d["chunks"].toInt(), 1);
        QCOMPARE(d["ocr_pages"].toInt(), 0);
        QCOMPARE(d["reused"].toBool(), false);
        QCOMPARE(d["token_counter"].toString(), QStringLiteral("chars/4"));
        const int id = d["id"].toInt();
        QVERIFY(id > 0);

        // The same bytes again: nothing re-extracted, the same id.
        const QJsonObject again = json(docs({"add", file, "--json"}));
        QCOMPARE(again["id"].toInt(), id);
        QCOMPARE(again["reused"].toBool(), true);

        const CliRun page = docs({"show", QString::number(id), "--page", "2"});
        QCOMPARE(page.exitCode, 0);
        QVERIFY2(page.out.simplified().contains("Bananas grow in plantations."), page.out);
        QVERIFY(!page.out.contains("Apples"));
        QVERIFY(docs({"show", QString::number(id)}).out.contains("Cherries are red."));
        QVERIFY(docs({"show", QString::number(id), "--page", "9"}).exitCode != 0);

        // Small chunks so that each page is its own chunk and a hit names its page.
        const QString small = path("fruit-small.pdf");
        fixtures::writeTextPdf(
            small, {"Apples grow in orchards.", "Bananas grow in plantations.", "Kumquats are tiny."});
        QCOMPARE(json(docs({"add", small, "--json", "--chunk-tokens", "8"}))["chunks"].toInt(), 3);
        const QJsonArray hits = json(docs({"search", "kumquat", "--json"}))["hits"].toArray();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0]["first_page"].toInt(), 3);
        QCOMPARE(hits[0]["last_page"].toInt(), 3);
        QVERIFY(hits[0]["snippet"].toString().contains("[Kumquats]"));
        QVERIFY(docs({"search", "kumquat"}).out.contains("[p. 3]"));

        const QJsonArray list = json(docs({"list", "--json"}))["documents"].toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(docs({"rm", QString::number(id)}).exitCode, 0);
        QCOMPARE(documentCount(), 1);
        QVERIFY(docs({"rm", QString::number(id)}).exitCode != 0);
        QVERIFY(docs({"search", "apples", "--json"}).out.contains("fruit-small"));
    }

    void scannedPdfCountsOcrPages()
    {
        const QString file = path("scan.pdf");
        fixtures::writeImagePdf(file, "Invoice number 4711 is due in March");
        const QJsonObject d = json(docs({"add", file, "--json"}));
        QCOMPARE(d["ocr_pages"].toInt(), 1);
        QCOMPARE(d["pages"].toInt(), 1);
        QVERIFY(docs({"search", "invoice", "--json"}).out.contains("4711"));
    }

    void badInputs()
    {
        const QString good = path("good.pdf");
        fixtures::writeTextPdf(good, {"Some text.", "More text."});
        QFile source(good);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray pdf = source.readAll();

        const QString truncated = path("truncated.pdf");
        fixtures::writeFile(truncated, pdf.left(pdf.size() / 2));
        refused(truncated, {}, "truncated");

        const QString plain = path("secret-plain.pdf");
        const QString secret = path("secret.pdf");
        fixtures::writeTextPdf(plain, {"Hidden words."});
        QVERIFY2(fixtures::encryptPdf(plain, secret, "pw"), "qpdf is needed (packaging/deps.sh installs it)");
        refused(secret, {"--password", "wrong"}, "password is wrong");
        refused(secret, {}, "--password");
        QCOMPARE(docs({"add", secret, "--password", "pw"}).exitCode, 0);

        QImage image(4, 4, QImage::Format_RGB32);
        image.fill(Qt::blue);
        const QString png = path("photo.pdf");
        QVERIFY(image.save(png, "PNG"));
        refused(png, {}, "not a PDF");

        const QString empty = path("empty.txt");
        fixtures::writeFile(empty, {});
        refused(empty, {}, "empty");

        const QString binary = path("binary.txt");
        QByteArray bytes(2048, '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>(i * 31);
        fixtures::writeFile(binary, bytes);
        refused(binary, {}, "binary");

        const QString bomb = path("bomb.docx");
        fixtures::writeDocx(bomb, fixtures::docxDocument(QByteArray(8 << 20, ' ')));
        refused(bomb, {"--max-archive-mb", "1"}, "zip bomb");

        const QString huge = path("huge.txt");
        fixtures::writeFile(huge, QByteArray((1 << 20) + 1, 'a'));
        refused(huge, {"--max-mb", "1"}, "--max-mb");

        const QString scan = path("scan-nodata.pdf");
        fixtures::writeImagePdf(scan, "No data");
        QTemporaryDir emptyData;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TESSDATA_PREFIX", emptyData.path());
        refused(scan, {}, "tesseract-ocr-eng", environment);

        const QString gone = path("gone.pdf");
        fixtures::writeFile(gone, pdf);
        QVERIFY(QFile::remove(gone));
        refused(gone, {}, "does not exist");
    }
};

QTEST_MAIN(TestDocsCommand)
#include "tst_docscommand.moc"
