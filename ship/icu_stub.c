/*
 * An ICU data library that holds no data (ICU's own "stubdata", rebuilt here).
 *
 * PySide6's Linux wheels link Qt Core against ICU, whose data library is 31 MB of
 * collation, conversion and locale tables. The program uses none of them: Qt draws and
 * breaks Chinese text with its own Unicode tables, decoding happens in Python, and
 * nothing is sorted by locale. With this stub, the one ICU feature Qt would use
 * (locale-aware collation) falls back to plain comparison. build.spec puts this in place
 * of libicudata.so.NN on Linux; the frozen program's --self-test proves the window,
 * reading and exporting still work.
 *
 *   cc -shared -fPIC -O2 -DICU_MAJOR=73 -Wl,-soname,libicudata.so.73 -o libicudata.so.73 icu_stub.c
 */
#include <stdint.h>

#define DATA_SYMBOL_(major) icudt##major##_dat
#define DATA_SYMBOL(major) DATA_SYMBOL_(major)

typedef struct {
    uint16_t headerSize;
    uint8_t magic1, magic2;
    struct {
        uint16_t size, reservedWord;
        uint8_t isBigEndian, charsetFamily, sizeofUChar, reservedByte;
        uint8_t dataFormat[4], formatVersion[4], dataVersion[4];
    } info;
    char padding[8];
    uint32_t count, reserved;
    struct { uint32_t nameOffset, dataOffset; } toc[1];
} IcuDataHeader;

__attribute__((visibility("default"))) const IcuDataHeader DATA_SYMBOL(ICU_MAJOR) = {
    32, 0xda, 0x27,
    {20, 0, 0 /* little endian */, 0 /* ASCII */, 2, 0, {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0},
    0 /* no entries */, 0,
    {{0, 0}},
};
