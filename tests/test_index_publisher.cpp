// IndexPublisher and live_generation: generations behind a Xapian stub file, switched by one
// atomic rename, the previous generation kept, older ones and killed builds' leftovers removed.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "indexer/index/index_publisher.h"
#include "indexer/schema/index_layout.h"
#include "indexer/text/errors.h"
#include "tests/support/temporary_directory.h"

namespace fs = std::filesystem;
using kb::test::TemporaryDirectory;

namespace {

// A real Glass database with `documents` documents in `generation`.
void fill_generation(const fs::path& generation, int documents) {
    Xapian::WritableDatabase db(generation.string(), Xapian::DB_CREATE_OR_OPEN);
    for (int i = 0; i < documents; ++i) {
        Xapian::Document doc;
        doc.add_term("Qdoc" + std::to_string(i));
        db.add_document(doc);
    }
    db.commit();
}

// The gen-* folders under root, by name.
std::set<std::string> generations_in(const fs::path& root) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(root)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) == 0) names.insert(name);
    }
    return names;
}

Xapian::doccount documents_served(const fs::path& root) { return Xapian::Database(root.string()).get_doccount(); }

}  // namespace

TEST_CASE("new_generation gives a fresh empty folder named gen-...", "[integration]") {
    TemporaryDirectory dir;
    const fs::path root = dir / "index";  // does not exist yet: new_generation makes it
    kb::IndexPublisher publisher(root);
    CHECK(publisher.root() == root);
    CHECK(publisher.stub_path() == root / "XAPIANDB");

    const fs::path first = publisher.new_generation();
    CHECK(first.parent_path() == root);
    CHECK(first.filename().string().rfind("gen-", 0) == 0);
    REQUIRE(fs::is_directory(first));
    CHECK(fs::is_empty(first));
    // Nothing is published by making a generation.
    CHECK_FALSE(fs::exists(publisher.stub_path()));
    CHECK_FALSE(publisher.live_generation().has_value());

    // Each call is a new folder, and a later one sorts after an earlier one (how publish tells
    // a newer, still running build from an older one).
    const fs::path second = publisher.new_generation();
    CHECK(second != first);
    CHECK(fs::is_directory(second));
    CHECK(second.filename().string() > first.filename().string());
}

TEST_CASE("publish points the stub at a generation and Xapian opens the directory through it", "[integration]") {
    TemporaryDirectory dir;
    const fs::path root = dir / "index";
    kb::IndexPublisher publisher(root);
    const fs::path generation = publisher.new_generation();
    fill_generation(generation, 3);
    publisher.publish(generation);

    CHECK(kb::test::read_file(root / "XAPIANDB") == "auto " + generation.filename().string() + "\n");
    CHECK(kb::stub_path(root) == root / "XAPIANDB");
    REQUIRE(kb::live_generation(root).has_value());
    CHECK(*kb::live_generation(root) == generation.filename().string());
    CHECK(publisher.live_generation() == kb::live_generation(root));
    CHECK(documents_served(root) == 3);
    // The stub was written beside it and renamed: no temporary file is left behind.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"XAPIANDB", generation.filename().string()});
}

TEST_CASE("a second publish keeps the previous generation, a third removes the oldest", "[integration]") {
    TemporaryDirectory dir;
    const fs::path root = dir / "index";
    kb::IndexPublisher publisher(root);
    const fs::path one = publisher.new_generation();
    fill_generation(one, 1);
    publisher.publish(one);

    const fs::path two = publisher.new_generation();
    fill_generation(two, 2);
    publisher.publish(two);
    CHECK(publisher.live_generation() == two.filename().string());
    CHECK(generations_in(root) == std::set<std::string>{one.filename().string(), two.filename().string()});
    CHECK(documents_served(root) == 2);
    // The previous generation is still a whole database for a reader that has it open.
    CHECK(Xapian::Database(one.string()).get_doccount() == 1);

    const fs::path three = publisher.new_generation();
    fill_generation(three, 3);
    publisher.publish(three);
    CHECK(publisher.live_generation() == three.filename().string());
    CHECK(generations_in(root) == std::set<std::string>{two.filename().string(), three.filename().string()});
    CHECK_FALSE(fs::exists(one));
    CHECK(documents_served(root) == 3);
}

TEST_CASE("publish removes what killed builds left, older and newer, and keeps the previous", "[integration]") {
    // Every writer holds the write lock (IndexLock) while it builds and publishes, so an
    // unpublished generation beside the live one belongs to no running build.
    TemporaryDirectory dir;
    const fs::path root = dir / "index";
    kb::IndexPublisher publisher(root);
    const fs::path first = publisher.new_generation();
    fill_generation(first, 1);
    publisher.publish(first);

    const fs::path stray = publisher.new_generation();  // a killed build: never published
    fill_generation(stray, 7);
    const fs::path finished = publisher.new_generation();
    fill_generation(finished, 2);
    const fs::path killed_later = publisher.new_generation();  // sorts after `finished`
    publisher.publish(finished);

    CHECK(publisher.live_generation() == finished.filename().string());
    CHECK(generations_in(root) == std::set<std::string>{first.filename().string(), finished.filename().string()});
    CHECK_FALSE(fs::exists(stray));
    CHECK_FALSE(fs::exists(killed_later));
    CHECK(documents_served(root) == 2);

    // Between builds, a writer reclaims a killed build's folder and keeps live and previous.
    const fs::path killed = publisher.new_generation();
    fill_generation(killed, 3);
    publisher.reclaim();
    CHECK(generations_in(root) == std::set<std::string>{first.filename().string(), finished.filename().string()});
    CHECK(documents_served(root) == 2);
}

TEST_CASE("reclaim removes stubs killed at their rename, and every generation when none is published",
          "[integration]") {
    TemporaryDirectory dir;
    const fs::path root = dir / "index";
    kb::IndexPublisher publisher(root);
    // Killed before any publish: nothing is live, so every generation is a leftover.
    fill_generation(publisher.new_generation(), 2);
    fill_generation(publisher.new_generation(), 3);
    dir.write("index/XAPIANDB.tmp-4242", "auto gen-00000000000000000001-4242\n");
    publisher.reclaim();
    CHECK(generations_in(root).empty());
    CHECK_FALSE(fs::exists(root / "XAPIANDB.tmp-4242"));

    const fs::path live = publisher.new_generation();
    fill_generation(live, 1);
    publisher.publish(live);
    dir.write("index/XAPIANDB.tmp-4343", "auto " + live.filename().string() + "\n");
    publisher.reclaim();
    CHECK_FALSE(fs::exists(root / "XAPIANDB.tmp-4343"));
    CHECK(generations_in(root) == std::set<std::string>{live.filename().string()});
    CHECK(documents_served(root) == 1);
}

TEST_CASE("readers never see a missing or partial stub while generations are published", "[integration]") {
    TemporaryDirectory dir;
    const fs::path root = dir / "index";
    kb::IndexPublisher publisher(root);
    const fs::path a = publisher.new_generation();
    fill_generation(a, 1);
    publisher.publish(a);
    const fs::path b = publisher.new_generation();
    fill_generation(b, 2);
    const std::set<std::string> valid{a.filename().string(), b.filename().string()};

    std::atomic<bool> stop{false};
    std::atomic<int> reads{0}, bad{0};
    std::thread reader([&] {
        while (!stop) {
            const auto live = kb::live_generation(root);
            ++reads;
            if (!live || !valid.count(*live)) ++bad;
        }
    });
    for (int i = 0; i < 300; ++i) publisher.publish(i % 2 ? a : b);
    stop = true;
    reader.join();
    CHECK(reads > 0);
    CHECK(bad == 0);
    CHECK(generations_in(root) == valid);  // alternating between two, neither is ever removed
}

TEST_CASE("a plain Xapian database is not a kbsearch index directory", "[integration]") {
    TemporaryDirectory dir;
    const fs::path plain = dir / "plain";
    {
        Xapian::WritableDatabase db(plain.string(), Xapian::DB_CREATE_OR_OPEN);
        db.add_document(Xapian::Document());
        db.commit();
    }
    kb::IndexPublisher publisher(plain);
    CHECK_THROWS_AS(publisher.new_generation(), kb::IndexError);
    CHECK(generations_in(plain).empty());
    // It has no stub, so there is no live generation.
    CHECK_FALSE(kb::live_generation(plain).has_value());
    CHECK_FALSE(publisher.live_generation().has_value());
    CHECK(documents_served(plain) == 1);  // and it is left as it was
}

TEST_CASE("live_generation is nullopt without a stub", "[integration]") {
    TemporaryDirectory dir;
    CHECK_FALSE(kb::live_generation(dir / "missing").has_value());
    fs::create_directories(dir / "empty");
    CHECK_FALSE(kb::live_generation(dir / "empty").has_value());
    // A generation that was made but never published is not live.
    kb::IndexPublisher publisher(dir / "unpublished");
    fill_generation(publisher.new_generation(), 1);
    CHECK_FALSE(kb::live_generation(dir / "unpublished").has_value());
    // An empty stub names nothing either.
    dir.write("blank/XAPIANDB", "");
    CHECK_FALSE(kb::live_generation(dir / "blank").has_value());
}
