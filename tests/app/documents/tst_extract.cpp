// Reading documents: every format from files the test writes with the real libraries, page and
// section attribution, metadata, OCR, encryption, and each kind of bad input refused with one
// line naming the file and what to do.
#include "documentfixtures.h"
#include "documents/documentreader.h"
#include "hearth/error.h"

#include <QStringEncoder>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Reads path and returns the error message; fails the test when reading succeeds.
QString readError(const QString& path, const ReadOptions& options = {})
{
    try {
        DocumentReader::read(path, options);
    } catch (const hearth::Error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("(no error)");
}

// Every refusal is one line that starts with the file's name.
void checkRefusal(const QString& message, const QString& path, const QString& expected)
{
    QVERIFY2(message.startsWith(path + QStringLiteral(": ")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QVERIFY2(message.contains(expected, Qt::CaseInsensitive), qPrintable(message));
}

QString normalized(const QString& text)
{
    return text.simplified();
}

} // namespace

class TestExtract : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

  private slots:
    void pdfPagesKeepTheirText()
    {
        const QString file = path("three.pdf");
        fixtures::writeTextPdf(file,
                               {"Apples grow on trees in the orchard.", "Bananas are yellow and curved.",
                                "Cherries are small and red."},
                               "Fruit Facts");
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("pdf"));
        QCOMPARE(d.title, QStringLiteral("Fruit Facts"));
        QCOMPARE(d.pageCount, 3);
        QVERIFY2(normalized(d.pageText(1)).contains("Apples grow on trees"), qPrintable(d.pageText(1)));
        QVERIFY(!d.pageText(1).contains("Bananas"));
        QVERIFY(normalized(d.pageText(2)).contains("Bananas are yellow"));
        QVERIFY(normalized(d.pageText(3)).contains("Cherries are small"));
        QCOMPARE(d.ocrPages, 0);
        // Parts are contiguous and cover the text.
        QCOMPARE(d.parts.first().start, 0);
        QCOMPARE(d.parts.last().end, d.text.size());
        for (qsizetype i = 1; i < d.parts.size(); ++i)
            QCOMPARE(d.parts[i].start, d.parts[i - 1].end);
    }

    void pdfOutlineAndMetadata()
    {
        const QString file = path("outline.pdf");
        fixtures::writeFile(
            file, fixtures::handWrittenPdf(
                      {"Opening words.", "More opening.", "The method (in detail).", "Results were good."},
                      {{1, "Introduction"}, {3, "Method"}, {4, "Results"}}, "A Study", "Ada Lovelace"));
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.title, QStringLiteral("A Study"));
        QCOMPARE(d.author, QStringLiteral("Ada Lovelace"));
        QCOMPARE(d.pageCount, 4);
        QStringList sections;
        for (int page = 1; page <= 4; ++page)
            for (const DocumentPart& part : d.parts)
                if (part.page == page)
                    sections << part.section;
        QCOMPARE(sections, QStringList({"Introduction", "Introduction", "Method", "Results"}));
        QVERIFY(d.pageText(3).contains("The method (in detail)."));
    }

    void scannedPageIsReadByOcr()
    {
        const QString file = path("scan.pdf");
        fixtures::writeImagePdf(file, "The quick brown fox jumps over the lazy dog");
        QElapsedTimer timer;
        timer.start();
        const Document d = DocumentReader::read(file, {});
        qInfo("OCR of one A6 page at 300 dpi: %lld ms", timer.elapsed());
        QCOMPARE(d.ocrPages, 1);
        const QString text = d.pageText(1).toLower();
        QVERIFY2(text.contains("quick brown fox") && text.contains("lazy dog"), qPrintable(text));
    }

    void scannedPageWithoutLanguageData()
    {
        const QString file = path("scan-nodata.pdf");
        fixtures::writeImagePdf(file, "Nothing to see");
        QTemporaryDir empty;
        qputenv("TESSDATA_PREFIX", empty.path().toLocal8Bit());
        const QString message = readError(file);
        qunsetenv("TESSDATA_PREFIX");
        checkRefusal(message, file, "install tesseract-ocr-eng");
        // Without OCR the page is skipped, and a document of only such pages has no text.
        ReadOptions noOcr;
        noOcr.ocr = false;
        checkRefusal(readError(file, noOcr), file, "no text was found");
    }

    void otherOcrLanguageNamesItsPackage()
    {
        const QString file = path("scan-deu.pdf");
        fixtures::writeImagePdf(file, "Guten Tag");
        ReadOptions options;
        options.ocrLanguage = "deu+eng";
        // Only English data is installed by deps.sh; a machine with German data would read the page.
        if (QFile::exists("/usr/share/tesseract-ocr/5/tessdata/deu.traineddata"))
            QSKIP("German OCR data is installed here");
        checkRefusal(readError(file, options), file,
                     "for 'deu', which is not installed; install tesseract-ocr-deu (");
    }

    void progressAndCancel()
    {
        const QString file = path("progress.pdf");
        fixtures::writeTextPdf(file, {"one", "two", "three", "four"});
        QList<int> seen;
        ReadOptions options;
        options.progress = [&seen](int done, int total) {
            seen.append(done * 10 + total);
            return true;
        };
        DocumentReader::read(file, options);
        QCOMPARE(seen, QList<int>({14, 24, 34, 44}));
        seen.clear();
        options.progress = [&seen](int done, int) {
            seen.append(done);
            return done < 2; // the user cancels after the second page
        };
        checkRefusal(readError(file, options), file, "cancelled");
        QCOMPARE(seen, QList<int>({1, 2}));
    }

    void ocrTimeLimit()
    {
        const QString file = path("scan-slow.pdf");
        fixtures::writeImagePdf(file, "Slow page");
        ReadOptions options;
        options.limits.ocrSecondsPerPage = 0; // no time at all: the first check stops it
        checkRefusal(readError(file, options), file, "--ocr-timeout");
    }

    void encryptedPdf()
    {
        const QString plain = path("secret-plain.pdf");
        const QString file = path("secret.pdf");
        fixtures::writeTextPdf(plain, {"Launch codes are in the drawer."});
        if (!fixtures::encryptPdf(plain, file, "hunter2"))
            QFAIL("qpdf is needed to make the encrypted fixture: install it (packaging/deps.sh does)");
        checkRefusal(readError(file), file, "--password");
        ReadOptions wrong;
        wrong.password = "hunter3";
        checkRefusal(readError(file, wrong), file, "password is wrong");
        ReadOptions right;
        right.password = "hunter2";
        QVERIFY(normalized(DocumentReader::read(file, right).pageText(1)).contains("Launch codes"));
    }

    void badPdfs()
    {
        const QString good = path("good.pdf");
        fixtures::writeTextPdf(good, {"Page one text.", "Page two text."});
        QFile source(good);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();

        const QString truncated = path("truncated.pdf");
        fixtures::writeFile(truncated, bytes.left(bytes.size() / 2));
        checkRefusal(readError(truncated), truncated, "truncated");

        QByteArray garbled = bytes;
        for (qsizetype i = 9; i < garbled.size() - 8; ++i) // keep the header and the end marker
            garbled[i] = static_cast<char>(garbled[i] ^ 0x5A);
        const QString corrupt = path("corrupt.pdf");
        fixtures::writeFile(corrupt, garbled);
        const QString message = readError(corrupt);
        QVERIFY2(message.startsWith(corrupt + ": ") &&
                     (message.contains("damaged") || message.contains("no text")),
                 qPrintable(message));

        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(Qt::red);
        const QString png = path("picture.pdf");
        QVERIFY(image.save(png, "PNG"));
        checkRefusal(readError(png), png, "PNG image");
    }

    void docxPagesSectionsTablesFootnotes()
    {
        const QString file = path("report.docx");
        const QByteArray body =
            "<w:p><w:pPr><w:pStyle w:val=\"berschrift1\"/></w:pPr><w:r><w:t>Introduction</w:t></w:r></w:p>"
            "<w:p><w:r><w:t xml:space=\"preserve\">Alpha text </w:t></w:r><w:r><w:t>on page one.</w:t></w:r>"
            "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
            "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Beta text on page two.</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Value</"
            "w:t></w:r>"
            "</w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Width</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
            "<w:t>12 cm</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "<w:p><w:pPr><w:pStyle "
            "w:val=\"berschrift1\"/></w:pPr><w:r><w:lastRenderedPageBreak/><w:t>Results</w:t>"
            "</w:r></w:p><w:p><w:r><w:t>Gamma text on page "
            "three.</w:t></w:r><w:r><w:delText>removed</w:delText></w:r>"
            "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>";
        const QByteArray endnotes =
            "<w:endnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:endnote w:type=\"separator\" w:id=\"0\"><w:p/></w:endnote>"
            "<w:endnote w:id=\"1\"><w:p><w:r><w:t>An endnote on "
            "gamma.</w:t></w:r></w:p></w:endnote></w:endnotes>";
        const QByteArray styles =
            "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading "
            "1\"/></w:style></w:styles>";
        const QByteArray notes =
            "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:t>----</w:t></w:r></w:p></w:footnote>"
            "<w:footnote w:id=\"1\"><w:p><w:r><w:t>A footnote about "
            "alpha.</w:t></w:r></w:p></w:footnote></w:footnotes>";
        const QByteArray core =
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
            "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            "<dc:title>Quarterly Report</dc:title><dc:creator>Grace Hopper</dc:creator>"
            "</cp:coreProperties>";
        fixtures::writeDocx(file, fixtures::docxDocument(body), styles, notes, core, endnotes);
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("docx"));
        QCOMPARE(d.title, QStringLiteral("Quarterly Report"));
        QCOMPARE(d.author, QStringLiteral("Grace Hopper"));
        // The explicit break and the lastRenderedPageBreak after it are one page turn.
        QCOMPARE(d.pageCount, 3);
        QVERIFY2(d.pageText(1).contains("Alpha text on page one.[1]"), qPrintable(d.pageText(1)));
        QVERIFY(d.pageText(1).contains("[1] A footnote about alpha."));
        QVERIFY(!d.pageText(1).contains("----"));
        QVERIFY(d.pageText(2).contains("Beta text on page two."));
        QVERIFY2(d.pageText(2).contains("Name | Value\n\nWidth | 12 cm"), qPrintable(d.pageText(2)));
        QVERIFY(d.pageText(3).contains("Gamma text on page three.[e1]\n\n[e1] An endnote on gamma."));
        QVERIFY(!d.text.contains("removed"));
        QCOMPARE(d.partsIn(d.text.indexOf("Gamma"), d.text.size()).first().section,
                 QStringLiteral("Results"));
        QCOMPARE(d.partsIn(0, 1).first().section, QStringLiteral("Introduction"));
    }

    void docxWithoutPageBreaksIsCitedBySection()
    {
        const QString file = path("plain.docx");
        fixtures::writeDocx(file,
                            fixtures::docxDocument("<w:p><w:r><w:t>Just one paragraph.</w:t></w:r></w:p>"));
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.pageCount, 0);
        QCOMPARE(d.parts.size(), 1);
        QCOMPARE(d.parts.first().page, 0);
        QCOMPARE(d.title, QStringLiteral("plain")); // no metadata: the file's name
    }

    void odt()
    {
        const QString file = path("essay.odt");
        const QByteArray content =
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
            "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>"
            "<text:h text:outline-level=\"1\">Chapter One</text:h>"
            "<text:p>First<text:s text:c=\"2\"/>words<text:note "
            "text:note-class=\"footnote\"><text:note-citation>1"
            "</text:note-citation><text:note-body><text:p>Note "
            "body.</text:p></text:note-body></text:note>.</text:p>"
            "<table:table><table:table-row><table:table-cell><text:p>A1</text:p></table:table-cell>"
            "<table:table-cell><text:p>B1</text:p></table:table-cell></table:table-row></table:table>"
            "<text:h text:outline-level=\"1\">Chapter Two</text:h><text:p>Second chapter text.</text:p>"
            "</office:text></office:body></office:document-content>";
        const QByteArray meta =
            "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>An Essay</dc:title>"
            "<meta:initial-creator>Mary Shelley</meta:initial-creator><dc:creator>Editor</dc:creator>"
            "</office:meta></office:document-meta>";
        fixtures::writeZip(file, {{"mimetype", "application/vnd.oasis.opendocument.text"},
                                  {"content.xml", content},
                                  {"meta.xml", meta}});
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("odt"));
        QCOMPARE(d.title, QStringLiteral("An Essay"));
        QCOMPARE(d.author, QStringLiteral("Mary Shelley"));
        QVERIFY2(d.text.contains("First  words[1]."), qPrintable(d.text));
        QVERIFY(d.text.contains("[1] Note body."));
        QVERIFY(d.text.contains("A1 | B1"));
        const qsizetype second = d.text.indexOf("Second chapter");
        QCOMPARE(d.partsIn(second, second + 1).first().section, QStringLiteral("Chapter Two"));
        QCOMPARE(d.partsIn(d.text.indexOf("A1"), d.text.indexOf("A1") + 1).first().section,
                 QStringLiteral("Chapter One"));
    }

    void epubFollowsTheSpine()
    {
        const QString file = path("book.epub");
        const QByteArray container =
            "<?xml version=\"1.0\"?><container version=\"1.0\" "
            "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
            "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
            "</rootfiles></container>";
        const QByteArray opf =
            "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
            "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Tiny Book</dc:title>"
            "<dc:creator>Jane Austen</dc:creator></metadata><manifest>"
            "<item id=\"c2\" href=\"text/ch%202.xhtml\" media-type=\"application/xhtml+xml\"/>"
            "<item id=\"c1\" href=\"text/ch1.xhtml\" media-type=\"application/xhtml+xml\"/>"
            "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/></manifest>"
            "<spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine></package>";
        const auto chapter = [](const char* heading, const char* text) {
            return QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html "
                              "xmlns=\"http://www.w3.org/1999/xhtml\">"
                              "<head><title>x</title><script>var hidden = 1;</script></head><body><h1>") +
                   heading + "</h1><p>" + text + "</p></body></html>";
        };
        fixtures::writeZip(
            file, {{"mimetype", "application/epub+zip"},
                   {"META-INF/container.xml", container},
                   {"OEBPS/content.opf", opf},
                   {"OEBPS/text/ch 2.xhtml", chapter("Second", "It was a dark night.")},
                   {"OEBPS/text/ch1.xhtml", chapter("First", "It is a truth universally acknowledged.")},
                   {"OEBPS/style.css", "p { color: red }"}});
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("epub"));
        QCOMPARE(d.title, QStringLiteral("Tiny Book"));
        QCOMPARE(d.author, QStringLiteral("Jane Austen"));
        QVERIFY(d.text.indexOf("truth universally") < d.text.indexOf("dark night"));
        QVERIFY(d.text.indexOf("truth universally") >= 0);
        QVERIFY(!d.text.contains("hidden"));
        const qsizetype dark = d.text.indexOf("dark night");
        QCOMPARE(d.partsIn(dark, dark + 1).first().section, QStringLiteral("Second"));
    }

    void htmlDropsScriptsKeepsHeadings()
    {
        const QString file = path("page.html");
        fixtures::writeFile(
            file, "<!doctype html><html><head><title>My Page</title><meta name=\"author\" "
                  "content=\"Tim\"><style>body{color:red}</style></head><body>"
                  "<script>document.write('SCRIPTTEXT')</script><h1>Welcome</h1>"
                  "<p>Some   <b>bold</b>\n text.<p>Unclosed paragraph"
                  "<table><tr><th>K</th><th>V</th></tr><tr><td>a</td><td>1</td></tr></table>"
                  "<h2>Later</h2><ul><li>one<li>two</ul><noscript>NOSCRIPT</noscript></body></html>");
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("html"));
        QCOMPARE(d.title, QStringLiteral("My Page"));
        QCOMPARE(d.author, QStringLiteral("Tim"));
        QVERIFY(!d.text.contains("SCRIPTTEXT"));
        QVERIFY(!d.text.contains("color"));
        QVERIFY(!d.text.contains("NOSCRIPT"));
        QVERIFY2(d.text.contains("Welcome\n\nSome bold text.\n\nUnclosed paragraph"), qPrintable(d.text));
        QVERIFY(d.text.contains("K | V\n\na | 1"));
        QVERIFY(d.text.contains("- one\n\n- two"));
        const qsizetype one = d.text.indexOf("- one");
        QCOMPARE(d.partsIn(one, one + 1).first().section, QStringLiteral("Later"));
    }

    void textEncodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QString text = QStringLiteral("Grüße aus Köln, naïve café crème brûlée. Ça coûte très peu, "
                                            "déjà vu à l'hôtel près de la forêt.");
        QTest::newRow("utf-8") << text.toUtf8() << text;
        QTest::newRow("utf-8 with bom") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << text;
        QStringEncoder utf16(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
        QTest::newRow("utf-16le with bom") << QByteArray(utf16(text)) << text;
        QStringEncoder utf16be(QStringEncoder::Utf16BE, QStringEncoder::Flag::WriteBom);
        QTest::newRow("utf-16be with bom") << QByteArray(utf16be(text)) << text;
        QTest::newRow("latin-1") << text.toLatin1() << text;
    }

    void textEncodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString file = path("encoded.txt");
        fixtures::writeFile(file, bytes);
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("text"));
        QCOMPARE(d.text, expected);
    }

    void markdownSections()
    {
        const QString file = path("notes.md");
        fixtures::writeFile(
            file, "# Notes\n\nFirst *point*.\n\n```\n# not a heading\n```\n\n## Details\n\nSecond point.\n");
        const Document d = DocumentReader::read(file, {});
        QCOMPARE(d.format, QStringLiteral("markdown"));
        QCOMPARE(d.title, QStringLiteral("Notes"));
        QVERIFY(d.text.contains("First *point*."));
        const qsizetype code = d.text.indexOf("# not a heading");
        QCOMPARE(d.partsIn(code, code + 1).first().section, QStringLiteral("Notes"));
        const qsizetype second = d.text.indexOf("Second point");
        QCOMPARE(d.partsIn(second, second + 1).first().section, QStringLiteral("Details"));
    }

    void badFiles()
    {
        const QString empty = path("empty.txt");
        fixtures::writeFile(empty, {});
        checkRefusal(readError(empty), empty, "empty");

        const QString binary = path("program.txt");
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i)
            bytes.append(static_cast<char>((i * 7919) % 256));
        fixtures::writeFile(binary, bytes);
        checkRefusal(readError(binary), binary, "binary");

        const QString missing = path("gone.pdf");
        fixtures::writeTextPdf(missing, {"Here for a moment."});
        QVERIFY(QFile::remove(missing));
        checkRefusal(readError(missing), missing, "does not exist");

        const QString unknown = path("sheet.xlsx");
        fixtures::writeFile(unknown, "PK\x03\x04");
        checkRefusal(readError(unknown), unknown, "not supported");
    }

    void shortReadIsRefused()
    {
        // A file that yields fewer bytes than its size said (shrunk or gone mid-read, a dropped
        // network drive) must not be read as a shorter document. Linux sysfs files report 4096
        // bytes and hold a few: the same short read, honestly, without racing a writer.
        const QString file = QStringLiteral("/sys/devices/system/cpu/online");
        if (!QFileInfo::exists(file) || QFileInfo(file).size() <= 16)
            QSKIP("no sysfs file that reports more than it holds");
        checkRefusal(readError(file), file, "changed or disappeared while it was read");
    }

    void sizeLimit()
    {
        const QString file = path("big.txt");
        fixtures::writeFile(file, QByteArray(3 << 20, 'a'));
        ReadOptions options;
        options.limits.maxFileBytes = 2 << 20;
        checkRefusal(readError(file, options), file, "more than the limit of 2.0 MB; raise it with --max-mb");
    }

    void htmlSizeLimit()
    {
        const QString file = path("long.html");
        fixtures::writeFile(file, "<p>" + QByteArray(3 << 20, 'w') + "</p>");
        ReadOptions options;
        options.limits.maxHtmlBytes = 2 << 20;
        checkRefusal(readError(file, options), file, "more than the limit of 2.0 MB");
        options.limits.maxHtmlBytes = 4 << 20;
        QCOMPARE(DocumentReader::read(file, options).text.size(), 3 << 20);
    }

    void pageLimit()
    {
        const QString file = path("pages.pdf");
        fixtures::writeTextPdf(file, {"1", "2", "3", "4"});
        ReadOptions options;
        options.limits.maxPages = 3;
        checkRefusal(readError(file, options), file, "4 pages, more than the limit of 3");
    }

    void zipBomb()
    {
        // 64 MB of zeros deflate to about 64 KB; the limit is checked against the declared size
        // before a byte is inflated.
        const QString file = path("bomb.docx");
        fixtures::writeDocx(file, fixtures::docxDocument(QByteArray(64 << 20, ' ')));
        ReadOptions options;
        options.limits.maxArchiveBytes = 16 << 20;
        QElapsedTimer timer;
        timer.start();
        checkRefusal(readError(file, options), file, "zip bomb");
        QVERIFY2(timer.elapsed() < 2000, "the refusal must come before inflating");
        // An entry that would never be read counts too: the directory's total decides.
        const QString hidden = path("hidden-bomb.docx");
        fixtures::writeZip(
            hidden, {{"[Content_Types].xml", "<Types/>"},
                     {"word/document.xml", fixtures::docxDocument("<w:p><w:r><w:t>Hi</w:t></w:r></w:p>")},
                     {"word/media/blob.bin", QByteArray(32 << 20, 'x')}});
        checkRefusal(readError(hidden, options), hidden, "zip bomb");
    }

    void archiveEntryLimit()
    {
        const QString file = path("many.epub");
        QList<QPair<QString, QByteArray>> entries{{"mimetype", "application/epub+zip"}};
        for (int i = 0; i < 40; ++i)
            entries.append({QStringLiteral("f%1.txt").arg(i), "x"});
        fixtures::writeZip(file, entries);
        ReadOptions options;
        options.limits.maxArchiveEntries = 20;
        checkRefusal(readError(file, options), file, "41 entries, more than the limit of 20");
    }

    void xmlDepthLimit()
    {
        const QString file = path("deep.docx");
        QByteArray body;
        for (int i = 0; i < 300; ++i)
            body += "<w:sdt>";
        for (int i = 0; i < 300; ++i)
            body += "</w:sdt>";
        fixtures::writeDocx(file, fixtures::docxDocument(body));
        checkRefusal(readError(file), file, "deeper than the limit of 256 levels");
        const QString html = path("deep.html");
        QByteArray deep;
        for (int i = 0; i < 300; ++i)
            deep += "<div>";
        fixtures::writeFile(html, deep + "deep");
        checkRefusal(readError(html), html, "deeper than the limit");
    }

    void brokenXml()
    {
        const QString file = path("broken.docx");
        fixtures::writeDocx(file, "<w:document xmlns:w=\"x\"><w:body><w:p>");
        checkRefusal(readError(file), file, "not well-formed XML");
        const QString notZip = path("fake.odt");
        fixtures::writeFile(notZip, "just text pretending");
        checkRefusal(readError(notZip), notZip, "not a zip archive");
    }
};

QTEST_MAIN(TestExtract)
#include "tst_extract.moc"
