// Documents in the window as a user meets them, offscreen, with the small real model on the
// default device and a real SQLite file: a text file dropped on the chat becomes a document card
// in a new conversation; Summarize streams a summary into the conversation (cancelled half-way,
// then resumed from where it stopped), saved like any answer; a citation in it, clicked, shows
// the cited lines; the Documents page lists, searches and removes it. An encrypted PDF asks for
// its password and says when it is wrong; a broken file is an inline error that adds nothing.
// Screenshots under build/tests/screenshots/document-*.png.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "documentfixtures.h"
#include "documents/documentstore.h"
#include "documentscontroller.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "testdata.h"
#include "translations.h"

#include <memory>
#include <QAccessible>
#include <QMimeData>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

namespace {
constexpr int kSummaryTimeoutMs = 90000;

struct App {
    std::unique_ptr<NetworkGate> network; // outlives the window, as in main.cpp
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow* window = nullptr;
    ChatController* chat = nullptr;
    DocumentsController* documents = nullptr;
};

QString accessibleName(QObject* item)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Name) : QString();
}

QString namedAround(QQuickItem* item)
{
    for (; item; item = item->parentItem())
        if (!item->objectName().isEmpty())
            return item->objectName();
    return {};
}

// A story of numbered lines, long enough that the small model's context needs several parts.
QStringList storyLines()
{
    const QStringList animals{QStringLiteral("fox"), QStringLiteral("owl"), QStringLiteral("frog"),
                              QStringLiteral("cat"), QStringLiteral("bear")};
    QStringList lines;
    for (int i = 1; i <= 48; ++i)
        lines.append(QStringLiteral("Line %1: the little %2 walked to the river and found a shiny stone.")
                         .arg(i)
                         .arg(animals[i % animals.size()]));
    lines[20] = QStringLiteral("Line 21: the lighthouse keeper counted seventeen marmalade jars.");
    return lines;
}
} // namespace

class TestDocuments : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    QTemporaryDir m_files;
    QString m_model;
    QString m_story;

    App start()
    {
        App app;
        app.network = std::make_unique<NetworkGate>();
        app.engine = std::make_unique<QQmlApplicationEngine>();
        app.engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        app.engine->setInitialProperties(
            {{QStringLiteral("startupModel"), m_model},
             {QStringLiteral("networkGate"), QVariant::fromValue(app.network.get())}});
        app.engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        if (app.engine->rootObjects().size() != 1)
            return app;
        app.window = qobject_cast<QQuickWindow*>(app.engine->rootObjects().first());
        if (!app.window)
            return app;
        app.chat = app.window->findChild<ChatController*>();
        app.documents = app.window->findChild<DocumentsController*>();
        app.window->show();
        if (!QTest::qWaitForWindowExposed(app.window) || !app.chat || !app.documents)
            return {};
        if (!QTest::qWaitFor([&] { return app.chat->model()->ready(); }, 60000))
            qWarning("the model did not load: %s", qPrintable(app.chat->model()->error()));
        return app;
    }

    void screenshot(QQuickWindow* window, const QString& name)
    {
        QTest::qWait(200); // let bindings settle and a frame render
        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    static void click(QQuickWindow* window, QQuickItem* item)
    {
        QVERIFY(item);
        QTRY_VERIFY(item->isVisible() && item->isEnabled());
        const QPointF center = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
    }

    // By objectName, through the visual tree too (a Repeater's delegates are not QObject children).
    static QQuickItem* find(QQuickItem* in, const QString& name)
    {
        for (QQuickItem* child : in->childItems()) {
            if (child->objectName() == name)
                return child;
            if (QQuickItem* found = find(child, name))
                return found;
        }
        return nullptr;
    }
    static void findAll(QQuickItem* in, const QString& name, QList<QQuickItem*>* found)
    {
        for (QQuickItem* child : in->childItems()) {
            if (child->objectName() == name)
                found->append(child);
            findAll(child, name, found);
        }
    }
    static QQuickItem* item(QQuickWindow* window, const char* name)
    {
        const QString objectName = QString::fromLatin1(name);
        if (auto* found = window->findChild<QQuickItem*>(objectName))
            return found;
        return find(window->contentItem(), objectName);
    }

    // Drags files over the chat and drops them, as a file manager does.
    static void dropFiles(QQuickWindow* window, const QList<QUrl>& urls)
    {
        QMimeData data;
        data.setUrls(urls);
        const QPoint at(window->width() / 2, window->height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, {});
        QGuiApplication::sendEvent(window, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, {});
        QGuiApplication::sendEvent(window, &move);
        QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, {});
        QGuiApplication::sendEvent(window, &drop);
    }

    static Message storedMessage(qint64 id)
    {
        Database db(Database::defaultFilePath());
        db.open();
        return ConversationStore(db).message(id);
    }

    // The prose block of the last message that shows a citation, and where in its text.
    static QQuickItem* citedProse(QQuickWindow* window, int* position, QString* citation)
    {
        QList<QQuickItem*> prose;
        findAll(window->contentItem(), QStringLiteral("prose"), &prose);
        for (auto it = prose.rbegin(); it != prose.rend(); ++it) {
            QString plain;
            const int length = (*it)->property("length").toInt();
            QMetaObject::invokeMethod(*it, "getText", Q_RETURN_ARG(QString, plain), Q_ARG(int, 0),
                                      Q_ARG(int, length));
            static const QRegularExpression pattern(QStringLiteral("\\[l\\. [0-9]+(\\x{2013}[0-9]+)?\\]"));
            const QRegularExpressionMatch m = pattern.match(plain);
            if ((*it)->isVisible() && m.hasMatch()) {
                *position = int(m.capturedStart()) + 2;
                *citation = m.captured();
                return *it;
            }
        }
        return nullptr;
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
        QSettings().clear();
        QVERIFY(m_data.isValid());
        QVERIFY(m_files.isValid());
        DataPaths::setOverride(m_data.path());
        m_model = testdataPath(QStringLiteral("stories260K.gguf"));
        QVERIFY2(QFileInfo::exists(m_model), qPrintable(m_model));
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
        m_story = m_files.filePath(QStringLiteral("river-story.txt"));
        fixtures::writeFile(m_story, storyLines().join(QLatin1Char('\n')).toUtf8() + "\n");
    }

    void dropSummarizeCancelResumeCite()
    {
        App app = start();
        QVERIFY(app.window && app.chat && app.documents);
        QVERIFY2(app.chat->model()->ready(), qPrintable(app.chat->model()->error()));
        QCOMPARE(app.chat->currentConversationId(), 0);

        // Drop the file on the chat: it is read off the GUI thread, then a card shows it in a
        // conversation made for it.
        QSignalSpy attached(app.documents, &DocumentsController::documentAttached);
        dropFiles(app.window, {QUrl::fromLocalFile(m_story)});
        QVERIFY(attached.wait(20000));
        QVERIFY2(app.documents->notice().isEmpty(), qPrintable(app.documents->notice()));
        const qint64 documentId = attached.first().first().toLongLong();
        const qint64 conversationId = app.chat->currentConversationId();
        QVERIFY(conversationId > 0);
        QCOMPARE(app.chat->currentTitle(), QStringLiteral("river-story"));
        QCOMPARE(app.documents->attached()->rowCount(), 1);
        QVERIFY(item(app.window, "documentCard"));
        QTRY_COMPARE(item(app.window, "documentTitle")->property("text").toString(),
                     QStringLiteral("river-story"));
        {
            Database db(Database::defaultFilePath());
            db.open();
            QCOMPARE(DocumentStore(db).attachedDocuments(conversationId), QList<qint64>{documentId});
        }
        screenshot(app.window, QStringLiteral("document-card"));

        // Summarize (points) from the card, and cancel once a few parts are done.
        auto* style = item(app.window, "summaryStyle");
        QVERIFY(style);
        QMetaObject::invokeMethod(style, "forceActiveFocus");
        QTest::keyClick(app.window, Qt::Key_Down); // brief → detailed
        QTest::keyClick(app.window, Qt::Key_Down); // → points
        QTRY_COMPARE(style->property("currentValue").toString(), QStringLiteral("points"));
        QSignalSpy stopped(app.documents, &DocumentsController::summaryStopped);
        QSignalSpy finished(app.documents, &DocumentsController::summaryFinished);
        click(app.window, item(app.window, "summarizeButton"));
        QVERIFY(app.documents->summary()->running());
        QCOMPARE(app.documents->summary()->documentId(), documentId);
        QTRY_VERIFY_WITH_TIMEOUT(app.documents->summary()->fraction() >= 0.2, kSummaryTimeoutMs);
        const QString partText = app.documents->summary()->partText();
        QVERIFY2(QRegularExpression(QStringLiteral("^part [0-9]+ of [0-9]+$")).match(partText).hasMatch(),
                 qPrintable(partText));
        QVERIFY(!app.documents->summary()->etaText().isEmpty());
        QVERIFY(item(app.window, "summaryProgress")->isVisible());
        QVERIFY(item(app.window, "summaryProgressText")->property("text").toString().contains(partText));
        QVERIFY(!item(app.window, "chatInput")->isEnabled()); // one writer at a time
        screenshot(app.window, QStringLiteral("document-summarizing"));
        const double stoppedAt = app.documents->summary()->fraction();
        click(app.window, item(app.window, "cancelSummaryButton"));
        QVERIFY(stopped.wait(30000));
        QCOMPARE(finished.count(), 0);
        QVERIFY(!app.documents->summary()->running());
        const qint64 stoppedId = stopped.first().first().toLongLong();
        QCOMPARE(storedMessage(stoppedId).finishReason, QStringLiteral("cancel"));
        QVERIFY(app.documents->attached()
                    ->data(app.documents->attached()->index(0), DocumentListModel::StatusRole)
                    .toString()
                    .startsWith(QStringLiteral("Stopped")));

        // Summarize again, same settings: it resumes (its first report already counts the parts
        // done before) and streams the summary into the conversation.
        double firstFraction = -1;
        QMetaObject::Connection first = connect(app.documents->summary(), &SummaryRun::changed, this, [&] {
            if (firstFraction < 0 && !app.documents->summary()->partText().isEmpty())
                firstFraction = app.documents->summary()->fraction();
        });
        click(app.window, item(app.window, "summarizeButton"));
        QVERIFY(app.documents->summary()->running());
        QVERIFY(finished.wait(kSummaryTimeoutMs));
        disconnect(first);
        QVERIFY2(firstFraction >= stoppedAt - 1e-9,
                 qPrintable(QStringLiteral("%1 < %2").arg(firstFraction).arg(stoppedAt)));
        const qint64 summaryId = finished.first().first().toLongLong();
        const Message summary = storedMessage(summaryId);
        QCOMPARE(summary.finishReason, QStringLiteral("stop"));
        QCOMPARE(summary.conversationId, conversationId);
        QVERIFY2(summary.content.contains(QStringLiteral("[l. ")), qPrintable(summary.content));
        MessageListModel* messages = app.chat->messages();
        QCOMPARE(messages->data(messages->index(messages->rowCount() - 1), MessageListModel::ContentRole)
                     .toString(),
                 summary.content);
        QCOMPARE(messages->rowCount(), 4); // request, stopped summary, request, summary
        QTRY_VERIFY(item(app.window, "chatInput")->isEnabled());

        // Click a citation: the popup shows the lines it cites.
        int position = 0;
        QString citation;
        QPoint target;
        // Once the view has laid the summary out: the middle of the citation's first character.
        QTRY_VERIFY([&] {
            QQuickItem* prose = citedProse(app.window, &position, &citation);
            if (!prose)
                return false;
            QRectF at;
            QMetaObject::invokeMethod(prose, "positionToRectangle", Q_RETURN_ARG(QRectF, at),
                                      Q_ARG(int, position));
            target = prose->mapToScene(at.center() + QPointF(3, 0)).toPoint();
            return QRect(QPoint(0, 0), app.window->size()).contains(target);
        }());
        QTest::mouseClick(app.window, Qt::LeftButton, {}, target);
        QObject* popup = app.window->findChild<QObject*>(QStringLiteral("citationPopup"));
        QVERIFY(popup);
        QTRY_VERIFY(popup->property("opened").toBool());
        const QStringList range = citation.mid(4, citation.size() - 5).split(QChar(0x2013));
        const int firstLine = range.first().toInt();
        const int lastLine = range.last().toInt();
        QVERIFY(firstLine >= 1 && lastLine >= firstLine);
        const QString expected =
            storyLines().mid(firstLine - 1, lastLine - firstLine + 1).join(QLatin1Char('\n'));
        QCOMPARE(popup->property("body").toString(), expected);
        QVERIFY(popup->property("title").toString().contains(citation.mid(1, citation.size() - 2)));
        screenshot(app.window, QStringLiteral("document-citation"));
        QMetaObject::invokeMethod(popup, "close");
        QTRY_VERIFY(!popup->property("visible").toBool());
        screenshot(app.window, QStringLiteral("document-summary"));

        // By keyboard: the answer's Sources buttons open the same text.
        QList<QQuickItem*> sources;
        findAll(app.window->contentItem(), QStringLiteral("citationButton"), &sources);
        sources.removeIf([](QQuickItem* b) { return !b->isVisible(); });
        QVERIFY(!sources.isEmpty());
        QQuickItem* source = sources.last();
        QVERIFY(accessibleName(source).startsWith(QStringLiteral("Show the cited text")));
        source->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY(source->hasActiveFocus());
        QTest::keyClick(app.window, Qt::Key_Space);
        QTRY_VERIFY(popup->property("opened").toBool());
        QVERIFY(!popup->property("body").toString().isEmpty());
        QMetaObject::invokeMethod(popup, "close");
        QTRY_VERIFY(!popup->property("visible").toBool());

        // The Documents page lists it with the conversation using it; search finds it by a word
        // of its text, and not by a word it lacks.
        click(app.window, item(app.window, "documentsPageButton"));
        QCOMPARE(app.window->property("page").toString(), QStringLiteral("documents"));
        DocumentListModel* library = app.documents->library();
        QCOMPARE(library->rowCount(), 1);
        QCOMPARE(library->data(library->index(0), DocumentListModel::TitleRole).toString(),
                 QStringLiteral("river-story"));
        QCOMPARE(library->data(library->index(0), DocumentListModel::ConversationsRole).toString(),
                 QStringLiteral("river-story"));
        QVERIFY(library->data(library->index(0), DocumentListModel::DetailsRole)
                    .toString()
                    .startsWith(QStringLiteral("TEXT")));
        QTRY_VERIFY(item(app.window, "libraryTitle") && item(app.window, "libraryTitle")->isVisible());
        screenshot(app.window, QStringLiteral("documents-page"));
        auto* search = item(app.window, "documentSearchField");
        search->forceActiveFocus();
        for (char c : QByteArrayLiteral("marmalade"))
            QTest::keyClick(app.window, c);
        QCOMPARE(library->rowCount(), 1);
        QVERIFY(library->data(library->index(0), DocumentListModel::SnippetRole)
                    .toString()
                    .contains(QStringLiteral("marmalade")));
        screenshot(app.window, QStringLiteral("documents-search"));
        QTest::keyClick(app.window, 'q');
        QCOMPARE(library->rowCount(), 0);
        QTest::keyClick(app.window, Qt::Key_Escape);
        QCOMPARE(library->rowCount(), 1);

        // Remove, after confirming: gone from the page, the card and the store.
        click(app.window, item(app.window, "removeDocumentButton"));
        QObject* confirm = app.window->findChild<QObject*>(QStringLiteral("confirmRemoveDialog"));
        QVERIFY(confirm);
        QTRY_VERIFY(confirm->property("opened").toBool());
        QMetaObject::invokeMethod(confirm, "accept");
        QCOMPARE(library->rowCount(), 0);
        QCOMPARE(app.documents->attached()->rowCount(), 0);
        Database db(Database::defaultFilePath());
        db.open();
        QVERIFY(DocumentStore(db).list().isEmpty());
        QCOMPARE(app.network->requestCount(), 0);
    }

    void encryptedPdfAsksForItsPassword()
    {
        const QString plain = m_files.filePath(QStringLiteral("plain.pdf"));
        const QString locked = m_files.filePath(QStringLiteral("locked.pdf"));
        fixtures::writeTextPdf(plain, {QStringLiteral("The vault code is hidden under the third stone.")});
        if (!fixtures::encryptPdf(plain, locked, QStringLiteral("open sesame")))
            QSKIP("qpdf is not installed");
        App app = start();
        QVERIFY(app.window && app.documents);
        app.chat->newChat();
        QSignalSpy asked(app.documents, &DocumentsController::passwordRequired);
        QSignalSpy attached(app.documents, &DocumentsController::documentAttached);
        app.documents->attach(QUrl::fromLocalFile(locked).toString()); // what the 📎 button's dialog calls
        QVERIFY(app.documents->importing());
        QVERIFY(asked.wait(20000));
        QCOMPARE(asked.last().at(2).toBool(), false);
        QObject* dialog = app.window->findChild<QObject*>(QStringLiteral("passwordDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("opened").toBool());
        auto* field = app.window->findChild<QQuickItem*>(QStringLiteral("passwordField"));
        QVERIFY(field);
        QTRY_VERIFY(field->hasActiveFocus());
        QCOMPARE(accessibleName(field), QStringLiteral("Password of locked.pdf"));

        // A wrong one: asked again, saying it was wrong; nothing added.
        for (char c : QByteArrayLiteral("guess"))
            QTest::keyClick(app.window, c);
        QTest::keyClick(app.window, Qt::Key_Return);
        QVERIFY(asked.wait(20000));
        QCOMPARE(asked.last().at(2).toBool(), true);
        QVERIFY(dialog->property("wrongPassword").toBool());
        QTRY_VERIFY(dialog->property("opened").toBool());
        QCOMPARE(app.documents->attached()->rowCount(), 0);
        QCOMPARE(attached.count(), 0);
        screenshot(app.window, QStringLiteral("document-password-wrong"));

        // The right one.
        QTRY_VERIFY(field->hasActiveFocus());
        QCOMPARE(field->property("text").toString(), QString());
        for (char c : QByteArrayLiteral("open sesame"))
            QTest::keyClick(app.window, c);
        QTest::keyClick(app.window, Qt::Key_Return);
        QVERIFY(attached.wait(20000));
        QCOMPARE(app.documents->attached()->rowCount(), 1);
        QCOMPARE(app.documents->attached()
                     ->data(app.documents->attached()->index(0), DocumentListModel::FormatRole)
                     .toString(),
                 QStringLiteral("pdf"));
        QVERIFY(app.documents->attached()
                    ->data(app.documents->attached()->index(0), DocumentListModel::DetailsRole)
                    .toString()
                    .contains(QStringLiteral("1 page")));
    }

    void brokenFileIsAnInlineError()
    {
        const QString broken = m_files.filePath(QStringLiteral("broken.pdf"));
        fixtures::writeFile(broken, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, 'x'));
        App app = start();
        QVERIFY(app.window && app.documents);
        app.chat->newChat();
        const int before = app.documents->library()->rowCount();
        QSignalSpy notice(app.documents, &DocumentsController::noticeChanged);
        app.documents->attach(broken);
        QTRY_VERIFY_WITH_TIMEOUT(!app.documents->importing() && !app.documents->notice().isEmpty(), 20000);
        QVERIFY2(app.documents->notice().contains(QStringLiteral("broken.pdf: it is not a PDF")),
                 qPrintable(app.documents->notice()));
        QVERIFY(item(app.window, "documentsNotice")->isVisible());
        QCOMPARE(app.documents->library()->rowCount(), before);
        QCOMPARE(app.chat->currentConversationId(), 0); // no conversation made for nothing
        screenshot(app.window, QStringLiteral("document-error"));
    }

    // An incognito chat never reaches the disk: a document (stored there) is refused, plainly.
    void incognitoChatRefusesDocuments()
    {
        App app = start();
        QVERIFY(app.window && app.documents);
        const int before = app.documents->library()->rowCount();
        app.chat->newIncognitoChat();
        QVERIFY(app.chat->incognito());
        app.documents->attach(m_story);
        QVERIFY(!app.documents->importing());
        QVERIFY(app.documents->notice().contains(QStringLiteral("incognito")));
        dropFiles(app.window, {QUrl::fromLocalFile(m_story)});
        QVERIFY(!app.documents->importing());
        QCOMPARE(app.documents->attached()->rowCount(), 0);
        QCOMPARE(app.documents->library()->rowCount(), before);
    }

    void keyboardReachesTheDocumentControls()
    {
        App app = start();
        QVERIFY(app.window && app.documents);
        QSignalSpy attached(app.documents, &DocumentsController::documentAttached);
        app.documents->attach(m_story);
        QVERIFY(attached.wait(20000));
        auto* input = item(app.window, "chatInput");
        input->forceActiveFocus();
        QStringList stops;
        QStringList unnamed;
        QQuickItem* focused = nullptr;
        for (int i = 0; i < 120 && focused != input; ++i) {
            QTest::keyClick(app.window, Qt::Key_Tab);
            focused = app.window->activeFocusItem();
            QVERIFY(focused);
            stops.append(namedAround(focused));
            if (accessibleName(focused).trimmed().isEmpty())
                unnamed.append(namedAround(focused) + QLatin1Char(' ') +
                               QString::fromLatin1(focused->metaObject()->className()));
        }
        QCOMPARE(focused, input);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        for (const char* name :
             {"documentsPageButton", "summaryStyle", "summaryFocus", "summarizeButton", "attachButton"})
            QVERIFY2(stops.contains(QString::fromLatin1(name)),
                     qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") +
                                stops.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
