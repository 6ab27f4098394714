/*
 * web_assets: the web page (src/web/index.html, app.js, style.css)
 * embedded into the binary with the assembler's .incbin, so the assets
 * stay ordinary files in the repository and nothing is generated at build
 * time. Paths are relative to the repository root, where make runs. Each
 * asset is followed by a NUL byte so it can be used as a C string.
 */
#define SL_ASSET(sym, file)                                                              \
    __asm__(".section .rodata\n"                                                         \
            ".global " #sym "\n"                                                         \
            ".hidden " #sym "\n"                                                         \
            ".type " #sym ", @object\n"                                                  \
            ".balign 16\n" #sym ":\n"                                                    \
            ".incbin \"" file "\"\n"                                                     \
            ".byte 0\n"                                                                  \
            ".size " #sym ", . - " #sym "\n"                                             \
            ".previous\n")

SL_ASSET(sl_web_index_html, "src/web/index.html");
SL_ASSET(sl_web_app_js, "src/web/app.js");
SL_ASSET(sl_web_style_css, "src/web/style.css");
