// Live updates on a real index: `--update` adds and replaces threads by id, `delete` removes
// them, a Searcher (as the server holds one) sees each change on refresh, spelling and groups
// follow, one writer at a time, and an update killed at any moment is all there or not at all.
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include "indexer/index/index_lock.h"
#include "indexer/index/index_updater.h"
#include "indexer/index/synonym_table.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "server/search/searcher.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

extern char** environ;

namespace fs = std::filesystem;
using kb::test::TemporaryDirectory;

namespace {

std::string thread_line(const std::string& id, const std::string& title, const std::string& question) {
    const nlohmann::json thread{{"id", id},
                                {"title", title},
                                {"question", question},
                                {"product", {"Windows", "Printing"}},
                                {"answers", {{{"body", "Reinstall the driver."}, {"role", "moderator"}}}}};
    return thread.dump() + "\n";
}

kb::UpdateReport update(const fs::path& db, const fs::path& file) {
    kb::BuildOptions options;
    options.db = db;
    options.inputs = {file};
    std::ostringstream log;
    return kb::IndexUpdater().update(options, log);
}

// How many threads match: duplicate groups are not folded, so alike threads count one each.
unsigned total_for(kb::Searcher& searcher, const std::string& query) {
    kb::SearchRequest request;
    request.query = query;
    request.with_facets = false;
    request.collapse = false;
    return searcher.search(request).total;
}

}  // namespace

TEST_CASE("an update skips a bad record with its file and writes the rest", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    const auto before = searcher.document_count();
    // A seed page takes its id from its file name; this one is past Xapian's term limit.
    const fs::path too_long = dir.write("in/" + std::string(250, 'y') + ".txt",
                                        kb::test::read_file(kb::test::source_dir() / "corpus" / "outlook-01.txt"));
    kb::BuildOptions options;
    options.db = dir / "db";
    options.inputs = {dir.write("in/update.jsonl",
                                thread_line("new-1", "Zebracorn printer offline", "The zebracorn printer is offline.") +
                                    R"({"id":"bad","title":"t","question":"q","comments":1e400})" + "\n"),
                      too_long};
    std::ostringstream log;
    const auto report = kb::IndexUpdater().update(options, log);
    CAPTURE(log.str());
    CHECK(report.added == 1);
    REQUIRE(report.skipped.size() == 2);
    CHECK(report.skipped[0].line() == 2);
    CHECK(report.skipped[1].file() == too_long.string());
    searcher.refresh();
    CHECK(searcher.document_count() == before + 1);
    CHECK(total_for(searcher, "zebracorn") == 1);
}

TEST_CASE("the next write reclaims what a killed build left behind", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    const auto live = kb::live_generation(dir / "db");
    REQUIRE(live);
    // A build killed after it made its generation: a folder no stub names.
    const fs::path leftover = dir / "db" / "gen-99999999999999999999-1";
    fs::create_directories(leftover);
    dir.write("db/gen-99999999999999999999-1/postlist.glass", std::string(4096, 'x'));
    update(dir / "db", dir.write("update.jsonl", thread_line("new-1", "Zebracorn printer", "The zebracorn prints.")));
    CHECK_FALSE(fs::exists(leftover));
    CHECK(fs::exists(dir / "db" / *live));
    kb::Searcher searcher(dir / "db");
    CHECK(total_for(searcher, "zebracorn") == 1);
}

TEST_CASE("an update adds and replaces threads by id and delete removes them, a searcher sees both", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    const auto before = searcher.document_count();
    const std::string generation = searcher.generation();

    const auto report = update(
        dir / "db", dir.write("update.jsonl",
                              thread_line("new-1", "Zebracorn printer offline", "The zebracorn printer is offline.") +
                                  thread_line("outlook-01", "Outlook quokkas", "Replaced question.")));
    CHECK(report.added == 1);
    CHECK(report.replaced == 1);
    searcher.refresh();
    CHECK(searcher.generation() == generation);  // in place, no rebuild
    CHECK(searcher.document_count() == before + 1);
    CHECK(searcher.thread("outlook-01").thread.title == "Outlook quokkas");
    CHECK(total_for(searcher, "zebracorn") == 1);
    CHECK(total_for(searcher, "quokkas") == 1);
    // The replaced thread's old words are gone from it.
    CHECK(searcher
              .search([] {
                  kb::SearchRequest r;
                  r.query = "id:outlook-01 quokkas";
                  return r;
              }())
              .total == 1);

    const auto removed = kb::IndexUpdater().remove(dir / "db", {"new-1", "no-such-thread"});
    CHECK(removed.removed == 1);
    CHECK(removed.not_found == std::vector<std::string>{"no-such-thread"});
    searcher.refresh();
    CHECK(searcher.document_count() == before);
    CHECK_THROWS_AS(searcher.thread("new-1"), kb::NotFoundError);
    CHECK(total_for(searcher, "zebracorn") == 0);
}

TEST_CASE("spelling and duplicate groups follow an update", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    kb::Searcher searcher(dir / "db");
    const kb::ThreadRecord original = searcher.thread("excel-04");
    REQUIRE(original.duplicate_group.empty());

    // A word new to the index, and a thread asking what excel-04 asks, in its words.
    update(dir / "db",
           dir.write("update.jsonl",
                     thread_line("new-1", "Zebracorn printer offline", "The zebracorn printer is offline again.") +
                         thread_line("excel-04-again", original.thread.title, original.thread.question)));
    searcher.refresh();
    kb::SearchRequest typo;
    typo.query = "zebracorm";
    CHECK(searcher.search(typo).suggestion.value_or("") == "zebracorn");
    const std::string group = searcher.thread("excel-04-again").duplicate_group;
    CHECK(!group.empty());
    CHECK(searcher.thread("excel-04").duplicate_group == group);
    // Each lists the other among its duplicates.
    auto first_duplicate = [&](const std::string& id) {
        const auto hits = searcher.duplicates_of(searcher.thread(id), 5);
        return hits.empty() ? std::string() : hits.front().id;
    };
    CHECK(first_duplicate("excel-04") == "excel-04-again");
    CHECK(first_duplicate("excel-04-again") == "excel-04");

    kb::IndexUpdater().remove(dir / "db", {"new-1"});
    searcher.refresh();
    CHECK(searcher.search(typo).suggestion.value_or("") != "zebracorn");
}

TEST_CASE("one writer at a time: a second waits for the first, or fails saying why", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    const fs::path file = dir.write("update.jsonl", thread_line("new-1", "Zebracorn", "A zebracorn question."));
    kb::BuildOptions options;
    options.db = dir / "db";
    options.inputs = {file};
    std::ostringstream log;
    {
        const kb::IndexLock held(dir / "db");
        try {
            kb::IndexUpdater(std::chrono::milliseconds(200)).update(options, log);
            FAIL("the update ran while another writer held the lock");
        } catch (const kb::IndexError& e) {
            CHECK_THAT(e.what(), Catch::Contains("another kbsearch is writing") && Catch::Contains("200 ms"));
        }
        options.lock_wait = std::chrono::milliseconds(200);
        CHECK_THROWS_AS(kb::IndexBuilder().build(options, log), kb::IndexError);
    }
    // Released while the second one waits: it goes ahead.
    auto holder = std::make_unique<kb::IndexLock>(dir / "db");
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        holder.reset();
    });
    const auto report = kb::IndexUpdater(std::chrono::seconds(10)).update(options, log);
    release.join();
    CHECK(report.added == 1);
}

TEST_CASE("an update killed with SIGKILL at any moment leaves all of it or none of it", "[integration]") {
    TemporaryDirectory dir;
    constexpr int kThreads = 300;
    {
        std::ofstream base(dir / "base.jsonl");
        for (int i = 0; i < kThreads; ++i)
            base << thread_line("t-" + std::to_string(i), "Printer number " + std::to_string(i),
                                "It prints blank pages.");
    }
    kb::test::build_index(dir / "db", {dir / "base.jsonl"});
    const std::string binary = KBSEARCH_BINARY;
    const std::string db = (dir / "db").string();

    int killed = 0;
    // Each round replaces every thread with a title holding that round's own marker word.
    const std::vector<int> delays_ms{0, 20, 50, 100, 150, 200, 300, 400, 600, 900};
    for (std::size_t round = 0; round < delays_ms.size(); ++round) {
        const std::string marker = "zebramarker" + std::string(1, static_cast<char>('a' + round));
        const fs::path file = dir / ("round-" + std::to_string(round) + ".jsonl");
        {
            std::ofstream out(file);
            for (int i = 0; i < kThreads; ++i)
                out << thread_line("t-" + std::to_string(i), "Printer " + marker + " " + std::to_string(i),
                                   "It prints blank pages, " + marker + ".");
        }
        const std::string input = file.string();
        std::vector<char*> argv{const_cast<char*>(binary.c_str()), const_cast<char*>("index"),
                                const_cast<char*>("--quiet"),      const_cast<char*>("--update"),
                                const_cast<char*>("--db"),         const_cast<char*>(db.c_str()),
                                const_cast<char*>(input.c_str()),  nullptr};
        posix_spawn_file_actions_t quiet;
        posix_spawn_file_actions_init(&quiet);
        posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        const int spawned = posix_spawn(&pid, binary.c_str(), &quiet, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&quiet);
        REQUIRE(spawned == 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(delays_ms[round]));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        killed += WIFSIGNALED(status) ? 1 : 0;

        kb::Searcher searcher(dir / "db");
        CAPTURE(round, delays_ms[round], WIFSIGNALED(status));
        CHECK(searcher.document_count() == kThreads);
        const unsigned now = total_for(searcher, marker);
        CHECK((now == 0 || now == kThreads));
        if (!WIFSIGNALED(status)) CHECK(now == kThreads);
    }
    CHECK(killed >= 3);  // most rounds must really be cut off, or the test proves little

    // The next write goes through, and leaves the questions database in step with the main one.
    const auto report = update(dir / "db", dir.write("last.jsonl", thread_line("t-0", "Printer final", "Final.")));
    CHECK(report.replaced == 1);
    const fs::path live = dir / "db" / kb::live_generation(dir / "db").value();
    const std::string key(kb::schema::kUpdateSerialKey);
    CHECK(Xapian::Database(live.string()).get_metadata(key) ==
          Xapian::Database((live / kb::schema::kQuestionsDatabase).string()).get_metadata(key));
    kb::Searcher searcher(dir / "db");
    CHECK(searcher.similar("Printer final", 5).hits.size() >= 1);
}

TEST_CASE("an update cut off between its two commits is completed by the next writer", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"});
    update(dir / "db", dir.write("first.jsonl", thread_line("new-1", "Zebracorn printer", "Zebracorn offline.")));
    const fs::path live = dir / "db" / kb::live_generation(dir / "db").value();
    const std::string serial_key(kb::schema::kUpdateSerialKey);
    {
        // As if the second update's main commit landed and its questions commit never did.
        Xapian::WritableDatabase main(live.string(), Xapian::DB_OPEN);
        main.set_metadata(serial_key, "2");
        main.set_metadata(std::string(kb::schema::kUpdateBatchKey), "new-1\nexcel-04\n");
        main.commit();
        Xapian::WritableDatabase questions((live / kb::schema::kQuestionsDatabase).string(), Xapian::DB_OPEN);
        questions.delete_document(kb::id_term("new-1"));
        questions.commit();
    }
    kb::Searcher searcher(dir / "db");
    CHECK(searcher.similar("Zebracorn printer offline", 3).hits.size() >= 1);  // still answers, from main

    const auto report = kb::IndexUpdater().remove(dir / "db", {"outlook-03"});
    CHECK(report.repaired);
    const Xapian::Database questions((live / kb::schema::kQuestionsDatabase).string());
    CHECK(questions.postlist_begin(kb::id_term("new-1")) != questions.postlist_end(kb::id_term("new-1")));
    CHECK(questions.postlist_begin(kb::id_term("outlook-03")) == questions.postlist_end(kb::id_term("outlook-03")));
    CHECK(questions.get_metadata(serial_key) == Xapian::Database(live.string()).get_metadata(serial_key));
}

TEST_CASE("synonyms completes an update cut off between its two commits, as update and delete do", "[integration]") {
    TemporaryDirectory dir;
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"}, 1);
    update(dir / "db", dir.write("first.jsonl", thread_line("new-1", "Zebracorn printer", "Zebracorn offline.")));
    const fs::path live = dir / "db" / kb::live_generation(dir / "db").value();
    const std::string serial_key(kb::schema::kUpdateSerialKey);
    {
        // As if the next update's main commit landed and its questions commit never did.
        Xapian::WritableDatabase main(live.string(), Xapian::DB_OPEN);
        main.set_metadata(serial_key, "2");
        main.set_metadata(std::string(kb::schema::kUpdateBatchKey), "new-1\n");
        main.commit();
        Xapian::WritableDatabase questions((live / kb::schema::kQuestionsDatabase).string(), Xapian::DB_OPEN);
        questions.delete_document(kb::id_term("new-1"));
        questions.commit();
    }
    const kb::SynonymsReport report =
        kb::replace_live_synonyms(dir / "db", dir.write("synonyms.txt", "zebracorn, unicorn\n"));
    CHECK(report.repaired);
    CHECK(report.groups == 1);
    const Xapian::Database questions((live / kb::schema::kQuestionsDatabase).string());
    CHECK(questions.postlist_begin(kb::id_term("new-1")) != questions.postlist_end(kb::id_term("new-1")));
    CHECK(questions.get_metadata(serial_key) == Xapian::Database(live.string()).get_metadata(serial_key));
    // Nothing left to complete the next time.
    CHECK_FALSE(kb::replace_live_synonyms(dir / "db", dir / "synonyms.txt").repaired);
}
