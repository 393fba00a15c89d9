// Bare Xapian: what a search over these threads costs with Xapian's defaults and nothing of ours.
#include <chrono>

#include <xapian.h>

#include "bench/peers.h"
#include "bench/thread_file_reader.h"

namespace kb::bench {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

PeerBuild build_xapian(const fs::path& input, const fs::path& db) {
    const auto started = Clock::now();
    Xapian::WritableDatabase database(db.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator terms;
    terms.set_stemmer(Xapian::Stem("english"));
    PeerBuild build;
    build.threads = for_each_thread(input, [&](const PlainThread& t) {
        Xapian::Document doc;
        terms.set_document(doc);
        terms.index_text(t.title, 1, "S");
        terms.index_text(t.title);
        terms.increase_termpos();
        terms.index_text(t.question);
        for (const std::string& body : t.answers) {
            terms.increase_termpos();
            terms.index_text(body);
        }
        doc.set_data(t.id);
        doc.add_boolean_term("Q" + t.id);
        database.add_document(doc);
    });
    database.commit();
    database.close();
    build.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    build.bytes = size_on_disk(db);
    return build;
}

LatencySummary query_xapian(const fs::path& db, const std::vector<BenchQuery>& queries, int passes) {
    Xapian::Database database(db.string());
    Xapian::Enquire enquire(database);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.set_database(database);  // for the partial kind's wildcard expansion

    LatencySummary summary;
    for (int pass = 0; pass <= passes; ++pass) {  // pass 0 warms the caches and is not recorded
        for (const BenchQuery& q : queries) {
            const std::string text = xapian_query_text(q);
            const auto started = Clock::now();
            unsigned flags = Xapian::QueryParser::FLAG_DEFAULT;
            if (q.kind == "partial") flags |= Xapian::QueryParser::FLAG_WILDCARD;
            enquire.set_query(parser.parse_query(text, flags));
            const Xapian::MSet top = enquire.get_mset(0, 10);
            std::size_t ids = 0;
            for (auto it = top.begin(); it != top.end(); ++it) ids += it.get_document().get_data().size();
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            if (pass > 0) summary.add(q.kind, ms, top.empty() && ids == 0);
        }
    }
    return summary;
}

}  // namespace kb::bench
