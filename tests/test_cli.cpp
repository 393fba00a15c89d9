// The kbsearch binary as a user meets it: help, unknown commands, bad queries and a missing
// index each give a clear message on stderr and a non-zero exit.
#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_lock.h"
#include "indexer/schema/index_layout.h"
#include "server/search/searcher.h"
#include "tests/support/cli_run.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/running_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

using kb::test::kbsearch;
using kb::test::Run;
using kb::test::TemporaryDirectory;

namespace {

// What a search printed as JSON, without its timing: the hits' ids and scores, total and facets.
std::string search_answer(const Run& run) {
    REQUIRE(run.status == 0);
    nlohmann::json answer = nlohmann::json::parse(run.output);
    answer.erase("took_ms");
    return answer.dump();
}

// A tmpfs of `megabytes` mounted on `where` for one test: a disk that can be filled.
class SmallDisk {
  public:
    SmallDisk(const std::filesystem::path& where, int megabytes) : where_(where) {
        std::filesystem::create_directories(where);
        const std::string size = "size=" + std::to_string(megabytes) + "m";
        mounted_ = ::mount("tmpfs", where.c_str(), "tmpfs", 0, size.c_str()) == 0;
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    bool mounted() const { return mounted_; }

    // Writes zeros to `file` on the disk until the disk refuses more.
    void fill(const std::filesystem::path& file) const {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        REQUIRE(fd >= 0);
        static const std::array<char, 64 * 1024> zeros{};
        for (std::size_t chunk = zeros.size(); chunk > 0; chunk /= 2)
            while (::write(fd, zeros.data(), chunk) == static_cast<ssize_t>(chunk)) {
            }
        ::close(fd);
    }

  private:
    std::filesystem::path where_;
    bool mounted_ = false;
};

}  // namespace

TEST_CASE("the command line says what is wrong and exits non-zero", "[integration]") {
    const Run help = kbsearch("--help");
    CHECK(help.status == 0);
    for (const char* command : {"index", "search", "similar", "answers", "serve", "eval", "synonyms"}) {
        CAPTURE(command);
        CHECK(help.output.find(command) != std::string::npos);
    }
    CHECK(kbsearch("search --help").output.find("--json") != std::string::npos);
    const Run version = kbsearch("--version");
    CHECK(version.status == 0);
    CHECK_THAT(version.output, Catch::StartsWith("kbsearch ") &&
                                   Catch::Contains("(Xapian " + std::string(Xapian::version_string()) + ")"));

    // A bad number names the option and says which way it is wrong.
    const Run not_number = kbsearch("search --db x --limit abc outlook");
    CHECK(not_number.status != 0);
    CHECK_THAT(not_number.output, Catch::Contains("--limit") && Catch::Contains("'abc' is not a whole number") &&
                                      Catch::Contains("from 0 to 100"));
    const Run too_big = kbsearch("search --db x --limit 500 outlook");
    CHECK(too_big.status != 0);
    CHECK_THAT(too_big.output, Catch::Contains("--limit") && Catch::Contains("500 is out of range"));
    CHECK_THAT(kbsearch("serve --db x --port 70000").output, Catch::Contains("70000 is out of range"));
    CHECK_THAT(kbsearch("serve --db x --ask-url ftp://example.com/ask").output,
               Catch::Contains("--ask-url") && Catch::Contains("not an http or https address"));
    // The per-client bounds are flags of serve, checked like the rest.
    const std::string serve_help = kbsearch("serve --help").output;
    for (const char* flag : {"--request-timeout", "--idle-timeout", "--max-header-bytes", "--max-headers",
                             "--max-connections-per-client", "--accept-queue"}) {
        CAPTURE(flag);
        CHECK(serve_help.find(flag) != std::string::npos);
    }
    CHECK_THAT(kbsearch("serve --db x --max-headers 3").output,
               Catch::Contains("--max-headers") && Catch::Contains("3 is out of range"));

    const Run unknown = kbsearch("bogus");
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.output, Catch::Contains("unknown command 'bogus'"));

    TemporaryDirectory dir;
    const Run missing = kbsearch("search --db '" + (dir / "none").string() + "' outlook");
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("no index"));

    dir.write("in/t.txt", kb::test::fixture_page("Outlook keeps asking for my password", "It prompts every hour.",
                                                 "Microsoft 365 and Office | Outlook",
                                                 {{"AI answer", "Clear the cached password."}}));
    const Run built = kbsearch("index --quiet --db '" + (dir / "db").string() + "' '" + (dir / "in").string() + "'");
    REQUIRE(built.status == 0);
    const Run only_excludes = kbsearch("search --db '" + (dir / "db").string() + "' -- -password");
    CHECK(only_excludes.status == 2);
    CHECK_THAT(only_excludes.output, Catch::Contains("bad query"));
    const Run found = kbsearch("search --db '" + (dir / "db").string() + "' --json password");
    CHECK(found.status == 0);
    CHECK_THAT(found.output, Catch::Contains("\"id\": \"t\""));

    // --product takes one value: the words after it are the query, not more products.
    const Run filtered =
        kbsearch("search --db '" + (dir / "db").string() + "' --json --product Outlook cached password");
    REQUIRE(filtered.status == 0);
    const nlohmann::json answer = nlohmann::json::parse(filtered.output);
    CHECK(answer["total"] == 1);
    CHECK(answer.value("unknown_products", nlohmann::json::array()).empty());
    const Run two_products = kbsearch("search --db '" + (dir / "db").string() +
                                      "' --json --product Outlook --product Teams cached password");
    REQUIRE(two_products.status == 0);
    const nlohmann::json two = nlohmann::json::parse(two_products.output);
    REQUIRE(two["unknown_products"].size() == 1);
    CHECK(two["unknown_products"][0]["product"] == "Teams");
}

TEST_CASE("two builds on one index at once: one waits for the other, both publish whole", "[integration]") {
    TemporaryDirectory dir;
    const std::string db = (dir / "db").string(), corpus = (kb::test::source_dir() / "corpus").string();
    Run first, second;
    std::thread other([&] { second = kbsearch("index --quiet --db '" + db + "' '" + corpus + "'"); });
    first = kbsearch("index --quiet --db '" + db + "' '" + corpus + "'");
    other.join();
    CAPTURE(first.output, second.output);
    CHECK(first.status == 0);
    CHECK(second.status == 0);
    // The stub names a generation that is there, and nothing but it and the one before remain.
    const auto live = kb::live_generation(dir / "db");
    REQUIRE(live);
    CHECK(std::filesystem::is_directory(dir / "db" / *live));
    int generations = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "db"))
        if (entry.path().filename().string().rfind("gen-", 0) == 0) ++generations;
    CHECK(generations == 2);
    const Run search = kbsearch("search --db '" + db + "' outlook");
    CHECK(search.status == 0);
    CHECK(search.output.find("matching threads") != std::string::npos);
}

TEST_CASE(
    "a full disk fails a build, an update, a delete and a synonyms change naming the index, and the old index serves",
    "[integration]") {
    if (::geteuid() != 0) {
        WARN("not run: mounting a small tmpfs needs root");
        return;
    }
    TemporaryDirectory dir;
    const SmallDisk disk(dir / "small", 8);
    REQUIRE(disk.mounted());
    const std::string db = (dir / "small" / "db").string(), corpus = (kb::test::source_dir() / "corpus").string();
    REQUIRE(kbsearch("index --quiet --db '" + db + "' '" + corpus + "'").status == 0);
    const std::string search = "search --db '" + db + "' --json outlook password";
    const std::string before = search_answer(kbsearch(search));
    REQUIRE_THAT(before, Catch::Contains("outlook-03"));
    dir.write("update.jsonl", R"({"id": "disk-1", "title": "Zanzibar printer jam", "question": "It jams."})"
                              "\n");
    const std::string update = "index --quiet --update --db '" + db + "' '" + (dir / "update.jsonl").string() + "'";

    disk.fill(dir / "small" / "filler");
    // A build measures its room first and says what it needs; the other writers fail on writing.
    const Run build = kbsearch("index --quiet --db '" + db + "' '" + corpus + "'");
    CAPTURE(build.output);
    CHECK(build.status == 1);
    CHECK_THAT(build.output, Catch::Contains("not enough free space to build " + db + ": a build needs about"));
    CHECK(search_answer(kbsearch(search)) == before);
    for (const std::string& change :
         {update, "delete --db '" + db + "' outlook-03",
          "synonyms --db '" + db + "' '" + (kb::test::source_dir() / "indexer/text/synonyms.txt").string() + "'"}) {
        const Run run = kbsearch(change);
        CAPTURE(change, run.output);
        CHECK(run.status == 1);
        CHECK_THAT(run.output, Catch::Contains("could not write the index at " + db));
        CHECK_THAT(run.output, Catch::Contains("No space left on device"));
        CHECK(search_answer(kbsearch(search)) == before);
    }
    CHECK_THAT(kbsearch("search --db '" + db + "' zanzibar").output, Catch::StartsWith("0 matching threads"));

    // With room again the next writer succeeds, on the same index.
    std::filesystem::remove(dir / "small" / "filler");
    const Run updated = kbsearch(update);
    CAPTURE(updated.output);
    CHECK(updated.status == 0);
    CHECK_THAT(kbsearch("search --db '" + db + "' zanzibar").output, Catch::Contains("[disk-1]"));
    CHECK(kbsearch("index --quiet --db '" + db + "' '" + corpus + "'").status == 0);
}

TEST_CASE("index: a repeated id is skipped at its line, warnings are printed and counted", "[integration]") {
    TemporaryDirectory dir;
    dir.write("in/a.jsonl",
              R"({"id": "t-1", "title": "VPN drops hourly", "date": "last week"})"
              "\n"
              R"({"id": "t-2", "title": "Printer offline", "answers": [{"body": "Restart it.", "role": "guru"}]})"
              "\n");
    dir.write("in/b.jsonl",
              "\n"
              R"({"id": "t-1", "title": "VPN drops again"})"
              "\n");
    const Run run = kbsearch("index --db '" + (dir / "db").string() + "' '" + (dir / "in").string() + "'");
    CAPTURE(run.output);
    CHECK(run.status == 0);
    const std::string a = (dir / "in/a.jsonl").string(), b = (dir / "in/b.jsonl").string();
    CHECK_THAT(run.output, Catch::Contains("skipped " + b + ":2: duplicate thread id 't-1' (first at " + a + ":1)"));
    CHECK_THAT(run.output, Catch::Contains("warning: " + a + ":1: \"date\" 'last week' is not an ISO 8601 date"));
    CHECK_THAT(run.output, Catch::Contains("warning: " + a + ":2: answer 1: unknown \"role\" 'guru'"));
    CHECK_THAT(run.output, Catch::Contains("indexed 2 threads from 2 files"));
    CHECK_THAT(run.output, Catch::Contains("; 1 skipped; 2 warnings"));
    // Not a terminal: each phase by name, with its figures when it ends.
    for (const char* phase : {"reading the forum's vocabulary: 3 threads", "reading, cleaning, writing (3 threads)",
                              "reading, cleaning, writing: 100% (3 of 3 threads)", "merging",
                              "grouping duplicates — done in", "committing — done in"})
        CHECK_THAT(run.output, Catch::Contains(phase));
    CHECK_THAT(run.output, !Catch::Contains("\r"));
}

TEST_CASE("search prints the copy text, in --json and as text, never a placeholder", "[integration]") {
    const TemporaryDirectory dir;
    dir.write("in/reset.txt",
              kb::test::fixture_page("Authenticator app resets every day", "The app forgets my account each morning.",
                                     "Microsoft Security | Microsoft Authenticator",
                                     {{"Riya Menon 8,200 Reputation points Microsoft External Staff Moderator",
                                       "I understand how frustrating this is. Reset the app from Settings > Apps. "
                                       "You can also mail me at jane.roe@contoso.example for a call. Then sign in "
                                       "again and scan the QR code."}}));
    REQUIRE(kbsearch("index --quiet --db '" + (dir / "db").string() + "' '" + (dir / "in").string() + "'").status == 0);
    const std::string expected = "Reset the app from Settings > Apps. Then sign in again and scan the QR code.";
    const Run json = kbsearch("search --json --db '" + (dir / "db").string() + "' authenticator resets");
    REQUIRE(json.status == 0);
    const nlohmann::json answer = nlohmann::json::parse(json.output)["hits"][0]["answer"];
    CHECK_THAT(answer["text"].get<std::string>(), Catch::Contains("[email]"));
    CHECK(answer["copy"] == expected);
    const Run text = kbsearch("search --db '" + (dir / "db").string() + "' authenticator resets");
    REQUIRE(text.status == 0);
    // The snippet shows the stored text (placeholders as they are); the answer is the copy text.
    const std::string printed = text.output.substr(text.output.find("   Answer ("));
    CHECK_THAT(printed, Catch::Contains(expected));
    CHECK_THAT(printed, !Catch::Contains("[email]") && !Catch::Contains("frustrating"));
    CHECK_THAT(text.output, Catch::Contains("left out: sentences holding removed personal data"));
}

TEST_CASE("the command line's --json prints what the API sends for the same call: search, similar and answers",
          "[integration]") {
    const TemporaryDirectory dir;
    dir.write("in/reset.txt",
              kb::test::fixture_page("Authenticator app resets every day", "The app forgets my account each morning.",
                                     "Microsoft Security | Microsoft Authenticator",
                                     {{"Riya Menon 8,200 Reputation points Microsoft External Staff Moderator",
                                       "Reset the app from Settings > Apps, then sign in again."}}));
    dir.write("in/push.txt",
              kb::test::fixture_page("Authenticator push never arrives", "No push on my new phone.",
                                     "Microsoft Security | Microsoft Authenticator",
                                     {{"Sam Helper 120 Reputation points", "Turn on notifications for the app."}}));
    const std::string db = (dir / "db").string();
    REQUIRE(kbsearch("index --quiet --db '" + db + "' '" + (dir / "in").string() + "'").status == 0);
    const kb::test::RunningServer server(dir / "db");
    httplib::Client client = server.client();
    // The time each took differs between two runs; everything else must not.
    auto without_time = [](nlohmann::json j) {
        REQUIRE(j.contains("took_ms"));
        j.erase("took_ms");
        return j;
    };
    auto cli = [&](const std::string& args) {
        const Run run = kbsearch(args + " --json --db '" + db + "'");
        REQUIRE(run.status == 0);
        return without_time(nlohmann::json::parse(run.output));
    };
    auto http = [&](const httplib::Result& res) {
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return without_time(nlohmann::json::parse(res->body));
    };
    CHECK(cli("search authenticator app") == http(client.Get("/api/search?q=authenticator%20app")));
    const nlohmann::json similar = cli("similar 'my authenticator app resets every morning'");
    CHECK(similar == http(client.Post("/api/similar", R"({"text": "my authenticator app resets every morning"})",
                                      "application/json")));
    CHECK_FALSE(similar.contains("query"));  // the draft is never echoed
    CHECK(cli("answers authenticator app") == http(client.Get("/api/answers?q=authenticator%20app")));
}

TEST_CASE("answers prints each answer's copy text whole, --json as the API maps it", "[integration]") {
    const TemporaryDirectory dir;
    const std::string staff = "Riya Menon 8,200 Reputation points Microsoft External Staff Moderator";
    dir.write(
        "in/sync-general.txt",
        kb::test::fixture_page("OneDrive misbehaves after the update",
                               "OneDrive is slow and the sync stopped after the update.", "Microsoft 365 | OneDrive",
                               {{staff, "Reinstall OneDrive from the Microsoft site.", true},
                                {"Sam Helper 120 Reputation points",
                                 "The sync stopped for me too: pause sync, reset OneDrive with onedrive.exe "
                                 "/reset and resume sync."}}));
    dir.write("in/sync-paused.txt",
              kb::test::fixture_page("OneDrive sync stopped", "My files no longer sync to OneDrive.",
                                     "Microsoft 365 | OneDrive",
                                     {{staff,
                                       "Reset OneDrive so the sync starts over. Mail me at jane.roe@contoso.example "
                                       "for a call. Then sign in to OneDrive again."}}));
    const std::string db = "'" + (dir / "db").string() + "'";
    REQUIRE(kbsearch("index --quiet --db " + db + " '" + (dir / "in").string() + "'").status == 0);

    const Run json = kbsearch("answers --json --db " + db + " --limit 3 onedrive sync stopped reset");
    REQUIRE(json.status == 0);
    const nlohmann::json result = nlohmann::json::parse(json.output);
    CHECK(result["query"] == "onedrive sync stopped reset");
    CHECK(result["threads"] == 2);
    const nlohmann::json& answers = result["answers"];
    REQUIRE(answers.size() == 3);
    const std::string expected = "Reset OneDrive so the sync starts over. Then sign in to OneDrive again.";
    std::vector<std::string> copies;
    for (const nlohmann::json& a : answers) {
        CAPTURE(a.dump());
        CHECK(a["answer"]["copy"].get<std::string>().find("[email]") == std::string::npos);
        CHECK(a["parts"].contains("own"));
        copies.push_back(a["answer"]["copy"]);
    }
    CHECK(std::find(copies.begin(), copies.end(), expected) != copies.end());

    // The text lists the same answers in the same order, each copy text whole under its thread.
    const Run text = kbsearch("answers --db " + db + " --limit 3 onedrive sync stopped reset");
    REQUIRE(text.status == 0);
    CHECK_THAT(text.output, Catch::StartsWith("3 answers from 2 threads\n"));
    CHECK_THAT(text.output, !Catch::Contains("[email]") && !Catch::Contains("jane.roe"));
    std::size_t at = 0;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const nlohmann::json& a = answers[i];
        const std::string heading = std::to_string(i + 1) + ". score ";
        const std::string source =
            "  " + a["thread"]["title"].get<std::string>() + "  [" + a["thread"]["id"].get<std::string>() + "]\n   " +
            a["answer"]["role_name"].get<std::string>() + (a["canonical"] == true ? ", canonical" : "");
        const std::string copy = "\n     " + a["answer"]["copy"].get<std::string>() + "\n";
        CAPTURE(heading, source, copy);
        at = text.output.find(heading, at);
        REQUIRE(at != std::string::npos);
        const std::size_t next = text.output.find("\n\n", at);
        const std::string block = text.output.substr(at, next == std::string::npos ? std::string::npos : next - at + 1);
        CHECK_THAT(block, Catch::Contains(source) && Catch::Contains(copy));
        at += heading.size();
    }

    CHECK_THAT(kbsearch("answers --db " + db + " --limit 0 sync").output,
               Catch::Contains("--limit") && Catch::Contains("0 is out of range"));
    CHECK_THAT(kbsearch("answers --db " + db + " --threads 31 sync").output,
               Catch::Contains("--threads") && Catch::Contains("31 is out of range"));
    const Run excluded = kbsearch("answers --db " + db + " -- -sync");
    CHECK(excluded.status == 2);
    CHECK_THAT(excluded.output, Catch::Contains("bad query"));
}

namespace {

// The gen-* folders of an index directory, and the stubs being written there (XAPIANDB.tmp-*).
std::vector<std::string> generations_and_temporary_stubs(const std::filesystem::path& db) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(db)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) == 0 || name.rfind("XAPIANDB.tmp-", 0) == 0) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("builds killed on a small disk leave room the next build reclaims before it measures its own",
          "[integration]") {
    if (::geteuid() != 0) {
        WARN("not run: mounting a small tmpfs needs root");
        return;
    }
    TemporaryDirectory dir;
    const SmallDisk disk(dir / "small", 12);
    REQUIRE(disk.mounted());
    const std::filesystem::path db = dir / "small" / "db";
    const std::string corpus = (kb::test::source_dir() / "corpus").string();
    const std::string build = "index --quiet --db '" + db.string() + "' '" + corpus + "'";
    REQUIRE(kbsearch(build).status == 0);
    const std::string live = kb::live_generation(db).value();

    // Three builds killed with SIGKILL once their generation exists, as on the attack run.
    int killed = 0;
    for (int round = 0; round < 3; ++round) {
        const std::string binary = KBSEARCH_BINARY, db_arg = db.string();
        std::vector<char*> argv{const_cast<char*>(binary.c_str()),
                                const_cast<char*>("index"),
                                const_cast<char*>("--quiet"),
                                const_cast<char*>("--db"),
                                const_cast<char*>(db_arg.c_str()),
                                const_cast<char*>(corpus.c_str()),
                                nullptr};
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
            ::execv(binary.c_str(), argv.data());
            ::_exit(127);
        }
        // Killed while writing: once a generation other than the live one has a table in it.
        for (int wait = 0; wait < 4000; ++wait) {
            bool writing = false;
            for (const std::string& name : generations_and_temporary_stubs(db))
                writing = writing || (name != live && std::filesystem::exists(db / name / ".part-0"));
            if (writing) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        killed += WIFSIGNALED(status) ? 1 : 0;
    }
    CHECK(killed == 3);
    // Each build reclaimed the one killed before it: the leaks never pile up.
    const auto after_kills = generations_and_temporary_stubs(db);
    CAPTURE(after_kills);
    CHECK(after_kills.size() == 2);
    // A build killed at its final rename leaves its stub behind, and one killed late a large
    // generation: without them, the disk has room for the next build; with them, not.
    dir.write("small/db/XAPIANDB.tmp-4242", "auto gen-00000000000000000001-4242\n");
    dir.write("small/db/gen-99999999999999999999-4242/postlist.glass", std::string(8 << 20, 'x'));
    // The next build counts what they hold as its room, and takes it back.
    const Run rebuilt = kbsearch(build);
    CAPTURE(rebuilt.output);
    CHECK(rebuilt.status == 0);
    const auto left = generations_and_temporary_stubs(db);
    CHECK(left == std::vector<std::string>{live, kb::live_generation(db).value()});
}

TEST_CASE("a writer waiting for the index lock says what it waits for", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"}, 1);
    std::optional<kb::IndexLock> held;
    held.emplace(dir / "db");
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        held.reset();
    });
    const Run run = kbsearch("delete --db '" + (dir / "db").string() + "' outlook-03");
    release.join();
    CAPTURE(run.output);
    CHECK(run.status == 0);
    CHECK_THAT(run.output,
               Catch::Contains("waiting up to 30 s for another kbsearch (pid " + std::to_string(::getpid()) +
                               ") to finish writing " + (dir / "db").string()));
    CHECK_THAT(run.output, Catch::Contains("deleted 1 threads"));
}

TEST_CASE("index: a thread id with a control character is skipped at its line, and no message carries one raw",
          "[integration]") {
    TemporaryDirectory dir;
    // A file name that would end the message line and forge another.
    const std::string name = "evil\nskipped nothing.jsonl";
    dir.write("in/" + name, R"({"id": "ok-1", "title": "Printer offline", "question": "It stopped."})"
                            "\n"
                            R"({"id": "bad\u001b[2J\nforged", "title": "VPN drops", "question": "Hourly."})"
                            "\n");
    const Run run = kbsearch("index --quiet --db '" + (dir / "db").string() + "' '" + (dir / "in").string() + "'");
    CAPTURE(run.output);
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("skipped " + (dir / "in").string() +
                                           "/evil\\nskipped nothing.jsonl:2: thread id 'bad\\x1b[2J\\nforged' holds a "
                                           "control character or bytes that are not UTF-8: skipped"));
    CHECK_THAT(run.output, Catch::Contains("indexed 1 threads"));
    CHECK(run.output.find('\x1b') == std::string::npos);

    const Run missing = kbsearch("delete --db '" + (dir / "db").string() + "' \"$(printf 'gone\\nforged')\"");
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("no thread 'gone\\nforged' in "));
    const Run product =
        kbsearch("search --db '" + (dir / "db").string() + "' --product \"$(printf 'a\\033[2Jb')\" printer");
    CHECK(product.status == 0);
    CHECK_THAT(product.output, Catch::Contains("No product \"a\\x1b[2Jb\" in the index"));
    CHECK(product.output.find('\x1b') == std::string::npos);
}

TEST_CASE("index: a title or a post past its limit is cut at a word, with a warning naming file and line",
          "[integration]") {
    TemporaryDirectory dir;
    std::string title, body;
    while (title.size() < 2000) title += "printer ";
    while (body.size() < 200 * 1024) body += "spooler restarted again ";
    const nlohmann::json thread{{"id", "long-1"},
                                {"title", title},
                                {"question", "Short question."},
                                {"answers", {{{"body", body}, {"role", "moderator"}}}}};
    const std::filesystem::path file = dir.write("in/long.jsonl", R"({"id": "short-1", "title": "Fine"})"
                                                                  "\n" +
                                                                      thread.dump() + "\n");
    const Run run = kbsearch("index --quiet --db '" + (dir / "db").string() + "' '" + file.string() + "'");
    CAPTURE(run.output.substr(0, 2000));
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("warning: " + file.string() + ":2: the title of thread 'long-1' is " +
                                           std::to_string(title.size()) +
                                           " bytes, cut at a word to 1023 (the limit "
                                           "is 1024)"));
    CHECK_THAT(run.output, Catch::Contains("warning: " + file.string() + ":2: answer 1 of thread 'long-1' is " +
                                           std::to_string(body.size()) + " bytes, cut at a word to"));
    CHECK_THAT(run.output, Catch::Contains("indexed 2 threads") && Catch::Contains("2 warnings"));
    const Run found = kbsearch("search --db '" + (dir / "db").string() + "' --json printer");
    REQUIRE(found.status == 0);
    const nlohmann::json answer = nlohmann::json::parse(found.output);
    REQUIRE(answer["hits"].size() == 1);
    // A hit shows a preview of the title; the thread keeps it as the build cut it.
    CHECK_THAT(answer["hits"][0]["title"].get<std::string>(), Catch::EndsWith("…"));
    const std::string stored = kb::Searcher(dir / "db").thread("long-1").thread.title;
    CHECK(stored.size() <= 1024);
    CHECK_THAT(stored, Catch::EndsWith("printer"));
}

TEST_CASE("publishing syncs the stub before its rename and its folder after it", "[integration]") {
    if (std::system("strace -o /dev/null true >/dev/null 2>&1") != 0) {
        WARN("not run: strace cannot trace here");
        return;
    }
    TemporaryDirectory dir;
    const std::string db = (dir / "db").string(), trace = (dir / "trace").string();
    // LeakSanitizer cannot run under ptrace: a sanitized build leaves leak checks to the other tests.
    // -ff: each thread's calls in a file of its own (trace.PID), so no call is split in two
    // ("<unfinished ...>") by another thread's.
    const int status = std::system(("ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" strace -ff -o '" + trace +
                                    "' -e trace=openat,fsync,rename '" + KBSEARCH_BINARY + "' index --quiet --db '" +
                                    db + "' '" + (kb::test::source_dir() / "corpus").string() + "' >/dev/null 2>&1")
                                       .c_str());
    REQUIRE(status == 0);
    // The calls of the thread that published, as traced.
    const auto publishes = [&](const std::string& call) {
        return call.starts_with("rename(") && call.find(", \"" + db + "/XAPIANDB\") = 0") != std::string::npos;
    };
    std::vector<std::string> calls;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        if (!entry.path().filename().string().starts_with("trace.")) continue;
        std::vector<std::string> thread_calls;
        std::istringstream lines(kb::test::read_file(entry.path()));
        for (std::string line; std::getline(lines, line);) thread_calls.push_back(line);
        if (std::any_of(thread_calls.begin(), thread_calls.end(), publishes)) calls = std::move(thread_calls);
    }
    const auto renamed = std::find_if(calls.begin(), calls.end(), publishes);
    REQUIRE(renamed != calls.begin());
    REQUIRE(renamed + 2 < calls.end());
    const auto fd_of = [](const std::string& call) { return call.substr(call.rfind("= ") + 2); };
    // Before: the stub written, opened again and synced.
    CHECK_THAT(*(renamed - 2), Catch::StartsWith("openat(AT_FDCWD, \"" + db + "/XAPIANDB.tmp-"));
    CHECK_THAT(*(renamed - 1), Catch::StartsWith("fsync(" + fd_of(*(renamed - 2)) + ")") && Catch::EndsWith("= 0"));
    // After: the folder opened and synced, so the new name survives a power cut.
    CHECK_THAT(*(renamed + 1), Catch::StartsWith("openat(AT_FDCWD, \"" + db + "\", O_RDONLY|O_CLOEXEC|O_DIRECTORY)"));
    CHECK_THAT(*(renamed + 2), Catch::StartsWith("fsync(" + fd_of(*(renamed + 1)) + ")") && Catch::EndsWith("= 0"));
}

TEST_CASE("a build runs at a lower CPU priority than the shell that started it", "[integration]") {
    kb::test::TemporaryDirectory dir;
    // The build's niceness, sampled from /proc while it runs, beside the shell's own.
    const std::string script = "'" + std::string(KBSEARCH_BINARY) + "' index --quiet --db '" + (dir / "db").string() +
                               "' '" + (kb::test::source_dir() / "corpus").string() +
                               "' >/dev/null 2>&1 & pid=$!; cut -d' ' -f19 /proc/self/stat; "
                               "while kill -0 $pid 2>/dev/null; do cut -d' ' -f19 /proc/$pid/stat 2>/dev/null; "
                               "sleep 0.005; done; wait $pid; echo exit $?";
    FILE* pipe = popen(script.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::vector<std::string> lines;
    std::array<char, 256> line{};
    while (std::fgets(line.data(), line.size(), pipe)) lines.emplace_back(line.data());
    pclose(pipe);
    REQUIRE(lines.size() >= 3);
    CHECK(lines.back() == "exit 0\n");
    const int shell = std::stoi(lines.front());
    bool lowered = false;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i)
        lowered = lowered || std::stoi(lines[i]) == std::min(19, shell + 10);
    CHECK(lowered);
}
