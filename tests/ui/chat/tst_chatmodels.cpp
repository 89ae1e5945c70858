// The chat view's C++ pieces on their own: list models under QAbstractItemModelTester, the
// conversation grouping by age, the <think> splitter and the Markdown code-block splitter.
#include "citationlinks.h"
#include "conversationlistmodel.h"
#include "markdownblocks.h"
#include "messagelistmodel.h"
#include "core/thinksplitter.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QTimeZone>
#include <QtTest>

class TestChatModels : public QObject {
    Q_OBJECT
private slots:
    void conversationSections()
    {
        const QDateTime now(QDate(2026, 11, 29), QTime(10, 0), QTimeZone::utc());
        const auto at = [&](int daysAgo) { return now.addDays(-daysAgo).toMSecsSinceEpoch(); };
        QCOMPARE(ConversationListModel::sectionFor(false, at(0), now), QStringLiteral("Today"));
        QCOMPARE(ConversationListModel::sectionFor(false, at(1), now), QStringLiteral("Yesterday"));
        QCOMPARE(ConversationListModel::sectionFor(false, at(5), now), QStringLiteral("Previous 7 days"));
        QCOMPARE(ConversationListModel::sectionFor(false, at(30), now), QStringLiteral("Older"));
        QCOMPARE(ConversationListModel::sectionFor(true, at(30), now), QStringLiteral("Pinned"));
    }

    void conversationListModel()
    {
        ConversationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Conversation a;
        a.id = 7;
        a.title = QStringLiteral("Trip to Lisbon");
        a.updatedAt = QDateTime::currentMSecsSinceEpoch();
        Conversation b;
        b.id = 9;
        b.pinned = true;
        model.setConversations({a, b});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.indexOf(9), 1);
        QCOMPARE(model.data(model.index(0), ConversationListModel::TitleRole).toString(), a.title);
        QCOMPARE(model.data(model.index(1), ConversationListModel::TitleRole).toString(), QStringLiteral("New chat"));
        QCOMPARE(model.data(model.index(1), ConversationListModel::SectionRole).toString(), QStringLiteral("Pinned"));
        SearchHit hit;
        hit.conversationId = 7;
        hit.snippet = QStringLiteral("a <b>trip</b> to");
        SearchHit olderHitSameConversation = hit;
        olderHitSameConversation.snippet = QStringLiteral("the <b>trip</b> home");
        SearchHit other;
        other.conversationId = 9;
        model.setSearchHits({hit, olderHitSameConversation, other});
        QVERIFY(model.searching());
        QCOMPARE(model.rowCount(), 2); // one row per conversation, with its newest hit
        QCOMPARE(model.data(model.index(0), ConversationListModel::SnippetRole).toString(), hit.snippet);
        QCOMPARE(model.indexOf(9), 1);
    }

    void messageListModelStreams()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Message system;
        system.id = 1;
        system.role = Role::System;
        Message user;
        user.id = 2;
        user.role = Role::User;
        user.content = QStringLiteral("hello");
        model.setMessages({system, user});
        QCOMPARE(model.rowCount(), 1); // the system prompt is not shown as a message
        Message answer;
        answer.id = 3;
        answer.role = Role::Assistant;
        model.append(answer, true);
        model.updateStreaming(3, QStringLiteral("Hi"), {});
        QCOMPARE(model.data(model.index(1), MessageListModel::ContentRole).toString(), QStringLiteral("Hi"));
        QVERIFY(model.data(model.index(1), MessageListModel::StreamingRole).toBool());
        answer.content = QStringLiteral("Hi there");
        answer.generatedTokens = 2;
        answer.tokensPerSecond = 10;
        model.finish(answer, 250);
        QVERIFY(!model.data(model.index(1), MessageListModel::StreamingRole).toBool());
        // With no translation for the locale, English plural forms still apply.
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::C));
        QCOMPARE(model.data(model.index(1), MessageListModel::StatsRole).toString(),
                 QStringLiteral("2 tokens · 10.0 tokens/s · first token 0.25 s"));
        answer.generatedTokens = 1;
        model.finish(answer, 250);
        QVERIFY(model.data(model.index(1), MessageListModel::StatsRole).toString().startsWith("1 token ·"));
        QCOMPARE(model.lastAnswer(), QStringLiteral("Hi there"));
        model.setError(3, QStringLiteral("device lost"));
        QCOMPARE(model.data(model.index(1), MessageListModel::ErrorRole).toString(), QStringLiteral("device lost"));
    }

    void thinkSplitter_data()
    {
        QTest::addColumn<QStringList>("pieces");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("reasoning");
        QTest::newRow("no thinking") << QStringList{"Hel", "lo"} << "Hello" << "";
        QTest::newRow("whole tags") << QStringList{"<think>", "why", "</think>", "answer"} << "answer" << "why";
        QTest::newRow("tags split across pieces") << QStringList{"<th", "ink>wh", "y</th", "ink>ans", "wer"} << "answer" << "why";
        QTest::newRow("unfinished tag-like text") << QStringList{"a <b", "> c <th"} << "a <b> c <th" << "";
        QTest::newRow("unclosed thinking") << QStringList{"<think>still going"} << "" << "still going";
    }
    void thinkSplitter()
    {
        QFETCH(QStringList, pieces);
        QFETCH(QString, content);
        QFETCH(QString, reasoning);
        ThinkSplitter splitter;
        QString gotContent, gotReasoning;
        for (const QString& piece : pieces) {
            const ThinkSplitter::Delta d = splitter.push(piece);
            gotContent += d.content;
            gotReasoning += d.reasoning;
        }
        const ThinkSplitter::Delta d = splitter.finish();
        QCOMPARE(gotContent + d.content, content);
        QCOMPARE(gotReasoning + d.reasoning, reasoning);
    }

    void markdownBlocksSplitsCode()
    {
        const QVariantList blocks = markdownBlocks(QStringLiteral("Intro\n```cpp\nint x;\n```\nAfter\n```\nopen"));
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].toMap()[QStringLiteral("kind")].toString(), QStringLiteral("text"));
        QCOMPARE(blocks[1].toMap()[QStringLiteral("kind")].toString(), QStringLiteral("code"));
        QCOMPARE(blocks[1].toMap()[QStringLiteral("language")].toString(), QStringLiteral("cpp"));
        QCOMPARE(blocks[1].toMap()[QStringLiteral("text")].toString(), QStringLiteral("int x;"));
        QCOMPARE(blocks[2].toMap()[QStringLiteral("text")].toString(), QStringLiteral("After"));
        QCOMPARE(blocks[3].toMap()[QStringLiteral("text")].toString(), QStringLiteral("open")); // still streaming
    }

    // A summary's citations become "cite:" links (not inside code, not twice), and each link
    // finds the pages, sections or lines it names.
    void citationLinks_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("linked");
        const QString dash(QChar(0x2013));
        QTest::newRow("page range") << QStringLiteral("Rent is due monthly [p. 3") + dash + QStringLiteral("4].")
                                    << QStringLiteral("Rent is due monthly [\\[p. 3") + dash +
                                           QStringLiteral("4\\]](cite:p.%203%E2%80%934).");
        QTest::newRow("section") << QStringLiteral("- A point [\u00A7 Results]")
                                 << QStringLiteral("- A point [\\[\u00A7 Results\\]](cite:%C2%A7%20Results)");
        QTest::newRow("lines") << QStringLiteral("Text [l. 1") + dash + QStringLiteral("9]")
                               << QStringLiteral("Text [\\[l. 1") + dash + QStringLiteral("9\\]](cite:l.%201%E2%80%939)");
        QTest::newRow("code untouched") << QStringLiteral("```\nx[p. 3]\n```") << QStringLiteral("```\nx[p. 3]\n```");
        QTest::newRow("a link already") << QStringLiteral("[p. 3](https://example.org)")
                                        << QStringLiteral("[p. 3](https://example.org)");
        QTest::newRow("not a citation") << QStringLiteral("array[3] and [note]") << QStringLiteral("array[3] and [note]");
    }
    void citationLinks()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, linked);
        QCOMPARE(linkCitations(markdown), linked);
    }

    void citedText()
    {
        Document document;
        document.text = QStringLiteral("one\ntwo\nthree\nfour");
        document.parts = {{1, QStringLiteral("Intro"), 0, 8}, {2, QStringLiteral("End"), 8, 18}};
        document.pageCount = 2;
        QCOMPARE(::citedText(document, parseCitationLink(QStringLiteral("cite:p.%202"))), QStringLiteral("three\nfour"));
        QCOMPARE(::citedText(document, parseCitationLink(QStringLiteral("cite:p.%201%E2%80%932"))),
                 QStringLiteral("one\ntwo\n\nthree\nfour"));
        QCOMPARE(::citedText(document, parseCitationLink(QStringLiteral("cite:%C2%A7%20Intro"))), QStringLiteral("one\ntwo"));
        QCOMPARE(::citedText(document, parseCitationLink(QStringLiteral("cite:l.%202%E2%80%933"))), QStringLiteral("two\nthree"));
        QVERIFY(parseCitationLink(QStringLiteral("https://example.org")).isEmpty());
        const QVariantList list = citationList(QStringLiteral("A [p. 2]. B [p. 2]\n```\n[p. 9]\n```\nC [\u00A7 Intro]"));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toMap()[QStringLiteral("label")].toString(), QStringLiteral("p. 2"));
        QCOMPARE(list[1].toMap()[QStringLiteral("link")].toString(), QStringLiteral("cite:%C2%A7%20Intro"));
        QCOMPARE(parseCitationLink(QStringLiteral("cite:p.%203%2C%205")).pages.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestChatModels)
#include "tst_chatmodels.moc"
