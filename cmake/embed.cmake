# embed.cmake - turn a file into a C array so the binary carries its own
# catalogue. Run as: cmake -DIN=file -DOUT=file.c -DSYMBOL=name -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Break the one long line every 32 bytes to keep compilers and diffs happy.
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
"/* Generated from ${IN} by cmake/embed.cmake: do not edit. */\n"
"#include <stddef.h>\n"
"const unsigned char ${SYMBOL}[] = {\n${bytes}0x00\n};\n"
"const size_t ${SYMBOL}_len = ${len};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
