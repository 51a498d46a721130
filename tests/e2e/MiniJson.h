#pragma once
// A small strict JSON reader for checking the CLI's --json output from outside (the e2e tests
// link no Qt). Numbers are kept as their text.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fv::e2e::json {

struct Value
{
    enum class Type
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };
    Type type = Type::Null;
    bool boolean = false;
    std::string string; ///< the text of a string or a number
    std::vector<Value> array;
    std::map<std::string, Value> object;

    bool isArray() const noexcept { return type == Type::Array; }
    bool isObject() const noexcept { return type == Type::Object; }
    bool isString() const noexcept { return type == Type::String; }
    bool has(const std::string& key) const { return object.count(key) != 0; }
    /// The member `key` of an object (a Null value when missing).
    const Value& operator[](const std::string& key) const;
};

/// Parses one JSON document (surrounding white space allowed); throws std::runtime_error.
Value parse(std::string_view text);
/// Parses each non-empty line as one JSON document.
std::vector<Value> parseLines(std::string_view text);

} // namespace fv::e2e::json
