// simdjson On-Demand over a SARIF log: every runs[].results[] element, touching the fields Ward's
// SARIF reader reads. Compiled and run by bench/json-decode; prints "simdjson CPU-SECONDS RESULTS CHECKSUM".
#include <simdjson.h>
#include <ctime>
#include <cstdio>
#include <string_view>

using namespace simdjson;

static size_t touch(ondemand::object result) {
    size_t sum = 0;
    for (auto field : result) {
        std::string_view key = field.unescaped_key();
        ondemand::value value = field.value();
        if (key == "ruleId" || key == "level" || key == "kind") {
            sum += std::string_view(value.get_string()).size();
        } else if (key == "message") {
            sum += std::string_view(value["text"].get_string()).size();
        } else if (key == "locations") {
            for (auto location : value.get_array()) {
                ondemand::object physical = location["physicalLocation"];
                sum += std::string_view(physical["artifactLocation"]["uri"].get_string()).size();
                ondemand::object region = physical["region"];
                for (auto member : region) {
                    std::string_view name = member.unescaped_key();
                    if (name == "snippet") sum += std::string_view(member.value()["text"].get_string()).size();
                    else sum += size_t(int64_t(member.value().get_int64()));
                }
            }
        }  // anything else (fingerprints, properties…) is skipped unread

    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc < 2) { std::fprintf(stderr, "usage: %s LOG\n", argv[0]); return 2; }
    std::clock_t started = std::clock();
    padded_string json = padded_string::load(argv[1]);
    ondemand::parser parser;
    ondemand::document log = parser.iterate(json);
    size_t results = 0, sum = 0;
    for (auto field : log.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key != "runs") continue;
        for (ondemand::object run : field.value().get_array()) {
            for (auto member : run) {
                std::string_view name = member.unescaped_key();
                if (name != "results") continue;
                for (ondemand::object result : member.value().get_array()) {
                    sum += touch(result);
                    ++results;
                }
            }
        }
    }
    double seconds = double(std::clock() - started) / CLOCKS_PER_SEC;  // CPU time: the machine is shared
    std::printf("simdjson %.3f %zu %zu\n", seconds, results, sum);
    return 0;
}
