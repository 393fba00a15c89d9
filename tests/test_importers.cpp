// The importers (SemEval XML, SCN JSON, JSON Lines): fields as parsed, bad records reported with
// their line while the rest still parse, format detection, and counts on the real data when present.
#include <catch2/catch.hpp>

#include "indexer/ingest/json_lines_parser.h"
#include "indexer/ingest/scn_json_parser.h"
#include "indexer/ingest/semeval_xml_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/keys.h"
#include "tests/support/temporary_directory.h"

namespace fs = std::filesystem;
using kb::AuthorRole;
using kb::InputFormat;
using kb::test::TemporaryDirectory;

namespace {

fs::path data_dir() { return fs::path(KBSEARCH_SHARED_DIR) / "data"; }

// Two original questions that both retrieved R1; the second lists a Thread without an id (line 21).
const char* kSemEval =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"                                                            // 1
    "<xml version=\"1.0\">\n"                                                                                 // 2
    "<OrgQuestion ORGQ_ID=\"Q1\">\n"                                                                          // 3
    "  <OrgQSubject>Good bank</OrgQSubject><OrgQBody>Which bank?</OrgQBody>\n"                                // 4
    "  <Thread THREAD_SEQUENCE=\"Q1_R1\">\n"                                                                  // 5
    "    <RelQuestion RELQ_ID=\"Q1_R1\" RELQ_RANKING_ORDER=\"1\" RELQ_CATEGORY=\"Advice and Help\"\n"         // 6
    "        RELQ_DATE=\"2013-05-02 19:43:00\" RELQ_USERID=\"U1\" RELQ_USERNAME=\"ankur\">\n"                 // 7
    "      <RelQSubject>Best Bank</RelQSubject>\n"                                                            // 8
    "      <RelQBody>Which is the best bank in Qatar &amp; why?</RelQBody>\n"                                 // 9
    "    </RelQuestion>\n"                                                                                    // 10
    "    <RelComment RELC_ID=\"Q1_R1_C1\" RELC_DATE=\"2013-05-03 07:23:20\" RELC_USERNAME=\"dilg\">\n"        // 11
    "      <RelCText>Commercial bank</RelCText>\n"                                                            // 12
    "    </RelComment>\n"                                                                                     // 13
    "    <RelComment RELC_ID=\"Q1_R1_C2\" RELC_USERNAME=\"ankur\">\n"                                         // 14
    "      <RelCText>thanks</RelCText>\n"                                                                     // 15
    "    </RelComment>\n"                                                                                     // 16
    "  </Thread>\n"                                                                                           // 17
    "</OrgQuestion>\n"                                                                                        // 18
    "<OrgQuestion ORGQ_ID=\"Q2\">\n"                                                                          // 19
    "  <OrgQSubject>Bank</OrgQSubject><OrgQBody>Bank in Doha</OrgQBody>\n"                                    // 20
    "  <Thread THREAD_SEQUENCE=\"Q2_R9\"><RelQuestion><RelQSubject>x</RelQSubject></RelQuestion></Thread>\n"  // 21
    "  <Thread THREAD_SEQUENCE=\"Q1_R1\">\n"                                                                  // 22
    "    <RelQuestion RELQ_ID=\"Q1_R1\"><RelQSubject>Best Bank</RelQSubject></RelQuestion>\n"                 // 23
    "  </Thread>\n"                                                                                           // 24
    "  <Thread THREAD_SEQUENCE=\"Q2_R3\">\n"                                                                  // 25
    "    <RelQuestion RELQ_ID=\"Q2_R3\"><RelQSubject>Doha bank</RelQSubject><RelQBody/></RelQuestion>\n"      // 26
    "  </Thread>\n"                                                                                           // 27
    "</OrgQuestion>\n"                                                                                        // 28
    "</xml>\n";

// Line 4 is a question without a title: it is skipped, and so, quietly, is its answer on line 5.
const char* kScn =
    "[{\"date_time\": \"2015-09-18 12:42:00\", \"resolve\": true, \"uid\": \"1\", \"title\": \"Gateway &amp; append "
    "views\", "
    "\"text\": \"Does SFE work with append views?\", \"author\": \"Valentina Hubertson\", \"upvotes\": 0, \"type\": "
    "\"question\"},\n"
    "{\"date_time\": \"2015-09-20 09:55:00\", \"resolve\": \"\", \"uid\": \"1.1\", \"author\": \"Venkat Chinnaswamy\", "
    "\"text\": \"Hi Valentina, regenerate the runtime objects.\", \"upvotes\": 2, \"type\": \"answer\"},\n"
    "{\"date_time\": \"2015-09-27 00:00:00\", \"resolve\": \"solution\", \"uid\": \"1.2\", \"author\": \"Venkat "
    "Chinnaswamy\", "
    "\"text\": \"Call lo_entity-&gt;ADD_AUTO_EXPAND_INCLUDE in MPC_EXT.\", \"upvotes\": 1, \"type\": \"answer\"},\n"
    "{\"resolve\": false, \"uid\": \"2\", \"text\": \"no title here\", \"type\": \"question\"},\n"
    "{\"resolve\": \"\", \"uid\": \"2.1\", \"text\": \"an answer to a skipped question\", \"type\": \"answer\"},\n"
    "{\"resolve\": false, \"uid\": \"3\", \"title\": \"BW query\", \"text\": \"Slow query\", \"type\": \"question\"},\n"
    "{\"resolve\": \"\", \"uid\": \"7.1\", \"text\": \"orphan\", \"type\": \"answer\"}]\n";

// Line 3 is blank, line 4 not JSON, line 5 has an unknown role, line 6 no id.
const char* kJsonLines =
    R"({"id": "t-1", "title": "VPN drops", "question": "It drops hourly.", "product": ["Networking", "VPN"], )"
    R"("date": "2024-01-02", "asker": "Pat Doe", "asker_reputation": 12, "comments": 3, "answers": [)"
    R"({"body": "Update the client.", "role": "staff_moderator", "reputation": 900, "helpful": 4, "accepted": true, )"
    R"("author": "Sam Roe", "date": "2024-01-03"}, {"body": "Same here", "role": "user"}]})"
    "\n"
    R"({"id": "t-2", "question": "No title, still a thread."})"
    "\n\n"
    R"({"id": "t-3", "title": "broken)"
    "\n"
    R"({"id": "t-4", "title": "x", "answers": [{"body": "y", "role": "wizard"}]})"
    "\n"
    R"({"title": "no id"})"
    "\n";

}  // namespace

TEST_CASE("SemEval XML: one thread per related question, fields and errors", "[unit]") {
    const kb::ParseOutcome out = kb::SemEvalXmlParser().parse(kSemEval, "dev.xml");
    REQUIRE(out.threads.size() == 2);  // Q1_R1 once, Q2_R3
    const kb::Thread& t = out.threads[0];
    CHECK(t.id == "Q1_R1");
    CHECK(t.title == "Best Bank");
    CHECK(t.question == "Which is the best bank in Qatar & why?");
    CHECK(t.date == "2013-05-02 19:43:00");
    CHECK(t.asker_name == "ankur");
    CHECK(t.product_path == std::vector<std::string>{"Advice and Help"});
    CHECK(t.source_file == "dev.xml");
    REQUIRE(t.answers.size() == 2);
    CHECK(t.answers[0].source_id == "Q1_R1_C1");
    CHECK(t.answers[0].body == "Commercial bank");
    CHECK(t.answers[0].date == "2013-05-03 07:23:20");
    CHECK(t.answers[0].author_name == "dilg");
    CHECK(t.answers[0].role == AuthorRole::User);
    CHECK(t.answers[0].source_line == 11);
    CHECK(t.answers[1].date.empty());
    CHECK(t.answers[1].author_name == "ankur");
    CHECK(out.threads[1].id == "Q2_R3");
    CHECK(out.threads[1].product_path.empty());

    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].file() == "dev.xml");
    CHECK(out.errors[0].line() == 21);
}

TEST_CASE("SemEval XML: a malformed document is one error at its line", "[unit]") {
    const std::string broken = "<?xml version=\"1.0\"?>\n<xml>\n<OrgQuestion>\n<Thread>\n</OrgQuestion>\n</xml>\n";
    const kb::ParseOutcome out = kb::SemEvalXmlParser().parse(broken, "bad.xml");
    CHECK(out.threads.empty());
    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].line() == 5);
    CHECK_THAT(out.errors[0].reason(), Catch::Contains("malformed XML"));
}

TEST_CASE("SCN JSON: questions with their answers, bad posts reported by line", "[unit]") {
    const kb::ParseOutcome out = kb::ScnJsonParser().parse(kScn, "netweaver", "netweaver.json");
    REQUIRE(out.threads.size() == 2);
    const kb::Thread& t = out.threads[0];
    CHECK(t.id == "netweaver-1");
    CHECK(t.title == "Gateway & append views");
    CHECK(t.question == "Does SFE work with append views?");
    CHECK(t.asker_name == "Valentina Hubertson");
    CHECK(t.date == "2015-09-18 12:42:00");
    CHECK(t.product_path == std::vector<std::string>{"SAP Community Network", "netweaver"});
    REQUIRE(t.answers.size() == 2);
    CHECK(t.answers[0].helpful == 2);
    CHECK_FALSE(t.answers[0].accepted);
    CHECK(t.answers[0].author_name == "Venkat Chinnaswamy");
    CHECK(t.answers[0].source_id == "1.1");
    CHECK(t.answers[0].source_line == 2);
    CHECK(t.answers[1].accepted);
    CHECK(t.answers[1].body == "Call lo_entity->ADD_AUTO_EXPAND_INCLUDE in MPC_EXT.");
    CHECK(out.threads[1].id == "netweaver-3");
    CHECK(out.threads[1].answers.empty());

    REQUIRE(out.errors.size() == 2);
    CHECK(out.errors[0].line() == 4);
    CHECK_THAT(out.errors[0].reason(), Catch::Contains("title"));
    CHECK(out.errors[1].line() == 7);
    CHECK_THAT(out.errors[1].reason(), Catch::Contains("7.1"));
}

TEST_CASE("SCN JSON: names never leave the name fields once the pipeline has run", "[unit]") {
    const kb::ParseOutcome out = kb::ScnJsonParser().parse(kScn, "netweaver", "netweaver.json");
    REQUIRE_FALSE(out.threads.empty());
    const kb::ThreadRecord record = kb::ThreadPipeline().prepare(out.threads[0]);
    CHECK(record.thread.asker_name.empty());
    const std::string stored = kb::serialise_record(record);
    for (const char* part : {"Valentina", "Hubertson", "Venkat", "Chinnaswamy"}) {
        CAPTURE(part);
        CHECK(stored.find(part) == std::string::npos);
    }
}

TEST_CASE("SCN JSON: structural damage", "[unit]") {
    const kb::ScnJsonParser parser;
    SECTION("not an array") {
        const auto out = parser.parse("\n{\"uid\": \"1\"}", "t", "t.json");
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].line() == 2);
    }
    SECTION("an element that never closes stops the file at its line") {
        const auto out =
            parser.parse("[{\"uid\": \"1\", \"title\": \"a\", \"text\": \"b\"},\n{\"uid\": \"2\"", "t", "t.json");
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].line() == 2);
    }
    SECTION("a broken element is skipped, its neighbours parse; brackets inside strings do not count") {
        const auto out = parser.parse(
            "[{\"uid\": \"1\", \"title\": \"a ] [ {\", \"text\": \"b \\\" }\"},\n{\"uid\": 2 3},\n"
            "{\"uid\": \"3\", \"title\": \"c\", \"text\": \"d\"}]",
            "t", "t.json");
        REQUIRE(out.threads.size() == 2);
        CHECK(out.threads[0].title == "a ] [ {");
        CHECK(out.threads[0].question == "b \" }");
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].line() == 2);
    }
    SECTION("an empty array is no threads and no errors") {
        const auto out = parser.parse(" [ ] ", "t", "t.json");
        CHECK(out.threads.empty());
        CHECK(out.errors.empty());
    }
}

TEST_CASE("JSON Lines: fields, and bad lines skipped with their numbers", "[unit]") {
    const kb::ParseOutcome out = kb::JsonLinesParser().parse(kJsonLines, "in.jsonl");
    REQUIRE(out.threads.size() == 3);
    const kb::Thread& t = out.threads[0];
    CHECK(t.id == "t-1");
    CHECK(t.title == "VPN drops");
    CHECK(t.question == "It drops hourly.");
    CHECK(t.product_path == std::vector<std::string>{"Networking", "VPN"});
    CHECK(t.date == "2024-01-02");
    CHECK(t.asker_name == "Pat Doe");
    CHECK(t.asker_reputation == 12);
    CHECK(t.comment_count == 3);
    REQUIRE(t.answers.size() == 2);
    CHECK(t.answers[0].body == "Update the client.");
    CHECK(t.answers[0].role == AuthorRole::StaffModerator);
    CHECK(t.answers[0].reputation == 900);
    CHECK(t.answers[0].helpful == 4);
    CHECK(t.answers[0].accepted);
    CHECK(t.answers[0].author_name == "Sam Roe");
    CHECK(t.answers[0].date == "2024-01-03");
    CHECK(t.answers[1].role == AuthorRole::User);
    CHECK_FALSE(t.answers[1].accepted);
    CHECK(out.threads[1].id == "t-2");
    CHECK(out.threads[1].title.empty());

    REQUIRE(out.errors.size() == 2);
    CHECK(out.errors[0].line() == 4);
    CHECK(out.errors[1].line() == 6);
    CHECK_THAT(out.errors[1].reason(), Catch::Contains("\"id\""));
    // A role kbsearch does not know keeps the answer, as a user's, and says so.
    CHECK(out.threads[2].id == "t-4");
    REQUIRE(out.threads[2].answers.size() == 1);
    CHECK(out.threads[2].answers[0].role == AuthorRole::User);
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].line() == 5);
    CHECK_THAT(out.warnings[0].reason(), Catch::Contains("wizard") && Catch::Contains("read as user"));
}

TEST_CASE("JSON Lines: a date that is not ISO 8601 is left out with a warning", "[unit]") {
    const kb::ParseOutcome out = kb::JsonLinesParser().parse(
        R"({"id": "a", "title": "x", "date": "yesterday", "answers": [{"body": "b", "date": "03/05/2024"}]})"
        "\n"
        R"({"id": "b", "title": "y", "date": "2024-03-05 10:00:00", "answers": [{"body": "c", "date": "2024-03-06"}]})",
        "in.jsonl");
    REQUIRE(out.threads.size() == 2);
    CHECK(out.errors.empty());
    CHECK(out.threads[0].date.empty());
    CHECK(out.threads[0].answers.at(0).date.empty());
    CHECK(out.threads[1].date == "2024-03-05 10:00:00");
    CHECK(out.threads[1].answers.at(0).date == "2024-03-06");
    REQUIRE(out.warnings.size() == 2);
    CHECK(out.warnings[0].line() == 1);
    CHECK_THAT(out.warnings[0].reason(), Catch::Contains("yesterday") && Catch::Contains("ISO 8601"));
    CHECK_THAT(out.warnings[1].reason(), Catch::StartsWith("answer 1: ") && Catch::Contains("03/05/2024"));
}

TEST_CASE("JSON Lines' array form: one JSON array of the same objects, each reported at its line", "[unit]") {
    const TemporaryDirectory dir;
    const std::string array =
        "[\n"
        R"(  {"id": "a", "title": "VPN drops"},)"
        "\n"
        R"(  {"id": "b", "title": 5},)"
        "\n"
        R"(  "not an object",)"
        "\n"
        R"(  {"id": "c",)"
        "\n"
        R"(   "question": "Two lines"})"
        "\n]\n";
    const auto path = dir.write("threads.json", array);
    CHECK(kb::detect_input_format(path) == InputFormat::JsonLines);
    for (const kb::ParseOutcome& out :
         {kb::JsonLinesParser().parse(array, path.string()), kb::JsonLinesParser().parse_file(path)}) {
        REQUIRE(out.threads.size() == 2);
        CHECK(out.threads[0].id == "a");
        CHECK(out.threads[0].source_line == 2);
        CHECK(out.threads[1].id == "c");
        CHECK(out.threads[1].source_line == 5);
        CHECK(out.threads[1].question == "Two lines");
        REQUIRE(out.errors.size() == 2);
        CHECK(out.errors[0].line() == 3);
        CHECK_THAT(out.errors[0].reason(), Catch::Contains("\"title\" must be a string"));
        CHECK(out.errors[1].line() == 4);
        CHECK_THAT(out.errors[1].reason(), Catch::Contains("one JSON object"));
    }
    const auto open = kb::JsonLinesParser().parse_file(dir.write("open.json", "[{\"id\": \"a\", \"title\": \"x\"},"));
    CHECK(open.threads.empty());
    REQUIRE(open.errors.size() == 1);
    CHECK_THAT(open.errors[0].reason(), Catch::Contains("unterminated"));
}

TEST_CASE("JSON Lines: wrong field types are named", "[unit]") {
    struct Case {
        const char* line;
        const char* reason;
    };
    const auto c = GENERATE(values<Case>({
        {R"({"id": 7, "title": "x"})", "\"id\" must be a string"},
        {R"({"id": "a"})", "needs a \"title\" or a \"question\""},
        {R"({"id": "a", "title": "x", "product": "Office"})", "\"product\" must be an array"},
        {R"({"id": "a", "title": "x", "answers": {}})", "\"answers\" must be an array"},
        {R"({"id": "a", "title": "x", "answers": [{"role": "user"}]})", "answer 1: missing \"body\""},
        {R"({"id": "a", "title": "x", "answers": [{"body": "b", "helpful": 1.5}]})", "\"helpful\" must be a whole"},
        {R"({"id": "a", "title": "x", "answers": [{"body": "b", "accepted": "yes"}]})", "\"accepted\" must be true"},
        {R"("a thread")", "one JSON object"},
    }));
    const kb::ParseOutcome out = kb::JsonLinesParser().parse(c.line, "in.jsonl");
    CAPTURE(c.line);
    CHECK(out.threads.empty());
    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].line() == 1);
    CHECK_THAT(out.errors[0].reason(), Catch::Contains(c.reason));
}

TEST_CASE("input format from the first bytes, then the extension", "[unit]") {
    const TemporaryDirectory dir;
    struct Case {
        const char* name;
        const char* content;
        InputFormat expected;
    };
    const auto c = GENERATE(values<Case>({
        {"a.xml", "<?xml version=\"1.0\"?><xml/>", InputFormat::SemEvalXml},
        {"a.txt", "\n  <xml version=\"1.0\">", InputFormat::SemEvalXml},
        {"dump", "[{\"uid\": \"1\"}]", InputFormat::ScnJson},
        {"a.json", "[\n  {\"uid\": \"1\"}]", InputFormat::ScnJson},
        {"a.json", "[{\"date_time\": \"2016\", \"uid\": \"1\", \"id\": \"x\"}]", InputFormat::ScnJson},
        {"a.json", "[\n  {\"id\": \"x\", \"title\": \"y\"}]", InputFormat::JsonLines},
        {"a.json", "{\"id\": \"x\"}\n{\"id\": \"y\"}\n", InputFormat::JsonLines},
        {"a.jsonl", "{\"id\": \"x\"}\n", InputFormat::JsonLines},
        {"a.ndjson", "", InputFormat::JsonLines},
        {"a.txt", "Share via\n\nOutlook fails\n", InputFormat::SeedPage},
        {"a.txt", "[Moderator note] text", InputFormat::SeedPage},
        {"a.json", "", InputFormat::ScnJson},
    }));
    CAPTURE(c.name, c.content);
    CHECK(kb::detect_input_format(dir.write(c.name, c.content)) == c.expected);
}

TEST_CASE("every input format has a parser", "[unit]") {
    CHECK(kb::make_thread_parser(InputFormat::SemEvalXml)->format_name() == "semeval");
    CHECK(kb::make_thread_parser(InputFormat::ScnJson)->format_name() == "scn");
    CHECK(kb::make_thread_parser(InputFormat::JsonLines)->format_name() == "jsonl");
    CHECK(kb::make_thread_parser(InputFormat::SeedPage)->format_name() == "seed");
}

TEST_CASE("importers read files: SCN ids take the file stem", "[unit]") {
    const TemporaryDirectory dir;
    const auto out = kb::ScnJsonParser().parse_file(dir.write("abap.json", kScn));
    REQUIRE(out.threads.size() == 2);
    CHECK(out.threads[0].id == "abap-1");
    REQUIRE_FALSE(out.errors.empty());
    CHECK(out.errors[0].file() == (dir / "abap.json").string());
    const auto missing = kb::JsonLinesParser().parse_file(dir / "missing.jsonl");
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].line() == 0);
}

// Registered only where ../shared/data exists (tests/CMakeLists.txt); run by hand without it, it
// fails rather than passing with nothing checked.
TEST_CASE("importers on the real data", "[unit][seeds][data]") {
    INFO("../shared/data is " << data_dir());
    REQUIRE(fs::is_directory(data_dir() / "semeval2016"));
    REQUIRE(fs::is_directory(data_dir() / "scn"));
    {
        const auto out =
            kb::SemEvalXmlParser().parse_file(data_dir() / "semeval2016" / "SemEval2016-Task3-CQA-QL-dev.xml");
        CHECK(out.errors.empty());
        CHECK(out.threads.size() == 500);
        std::size_t comments = 0;
        for (const auto& t : out.threads) comments += t.answers.size();
        CHECK(comments == 5000);
        REQUIRE_FALSE(out.threads.empty());
        CHECK(out.threads[0].id == "Q268_R4");
        CHECK(out.threads[0].title == "Best Bank");
    }
    struct Topic {
        const char* stem;
        std::size_t threads;
    };
    std::size_t solved = 0;
    for (const Topic& topic : {Topic{"3d", 41}, Topic{"abap", 92}, Topic{"analytic", 105}, Topic{"cross", 39},
                               Topic{"frontend", 419}, Topic{"netweaver", 527}}) {
        const auto out = kb::ScnJsonParser().parse_file(data_dir() / "scn" / (std::string(topic.stem) + ".json"));
        CAPTURE(topic.stem);
        CHECK(out.errors.empty());
        CHECK(out.threads.size() == topic.threads);
        for (const auto& t : out.threads)
            for (const auto& a : t.answers) solved += a.accepted ? 1 : 0;
    }
    CHECK(solved == 291);
}

TEST_CASE("JSON Lines: a file is read a line at a time, with no whole-file limit", "[unit]") {
    kb::test::TemporaryDirectory dir;
    // Past the size a whole-file format may read, in one over-long line between two good ones.
    const std::string huge(kb::kMaxInputFileBytes + 1, 'x');
    std::string text =
        "{\"id\": \"a\", \"title\": \"First\"}\n\"" + huge + "\"\n{\"id\": \"b\", \"title\": \"Last\"}\n";
    const auto file = dir.write("big.jsonl", text);
    text.clear();
    std::vector<std::string> ids;
    std::vector<kb::ParseError> errors;
    kb::JsonLinesParser().parse_file(file, kb::ParseSinks{[&](kb::Thread&& t) { ids.push_back(t.id); },
                                                          [&](kb::ParseError&& e) { errors.push_back(e); }});
    CHECK(ids == std::vector<std::string>{"a", "b"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line() == 2);
    CHECK(errors[0].reason().find("exceeds the 16777216-byte limit") != std::string::npos);
}

TEST_CASE("date_key: every format's dates as one sortable form, anything else empty", "[unit]") {
    CHECK(kb::date_key("2026-01-19T12:02:47.2933333+00:00") == "2026-01-19T12:02:47");
    CHECK(kb::date_key("2010-08-31 12:23:11") == "2010-08-31T12:23:11");
    CHECK(kb::date_key("2024-03-05") == "2024-03-05T00:00:00");
    CHECK(kb::date_key("2024-03-05Tnoon") == "2024-03-05T00:00:00");
    CHECK(kb::date_key("2024-03-05T25:00:00") == "2024-03-05T00:00:00");
    for (const char* bad : {"", "yesterday", "2024-13-01", "2024-02-00", "24-03-05", "2024/03/05", "2024-3-5"})
        CHECK(kb::date_key(bad).empty());
    CHECK(kb::date_key("2009-12-31T23:59:59") < kb::date_key("2010-01-01"));
}

TEST_CASE("SemEval XML: a thread whose id is not valid UTF-8 is skipped at its line", "[unit]") {
    const std::string xml =
        "<?xml version=\"1.0\"?>\n<xml>\n<Thread>\n<RelQuestion RELQ_ID=\"Q1_\x86R1\">"
        "<RelQSubject>Bank</RelQSubject><RelQBody>Which bank?</RelQBody></RelQuestion>\n</Thread>\n"
        "<Thread>\n<RelQuestion RELQ_ID=\"Q2_R1\"><RelQSubject>Visa</RelQSubject>"
        "<RelQBody>How long?</RelQBody></RelQuestion>\n</Thread>\n</xml>\n";
    const kb::ParseOutcome out = kb::SemEvalXmlParser().parse(xml, "in.xml");
    REQUIRE(out.threads.size() == 1);
    CHECK(out.threads[0].id == "Q2_R1");
    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].line() == 3);
    CHECK_THAT(out.errors[0].reason(), Catch::Contains("not valid UTF-8"));
}
