; 年报检查 — Windows setup program (NSIS 3, Unicode).
;
;   makensis -DSOURCE_DIR=dist\nianbao -DVERSION=0.1.0 -DOUT_FILE=dist\nianbao-setup-0.1.0.exe ship\windows\installer.nsi
;
; A per-user install that needs no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\NianbaoCheck, its uninstall entry to HKCU. The AppId below never
; changes, so a newer setup program finds the old install and replaces it in place;
; the clerk's settings and autosaved corrections live in the user's data folder and survive.
;
; It refuses Windows older than 10 and 32-bit Windows (Qt 6 needs 64-bit Windows 10), and asks to
; close a running copy before it replaces (or removes) the program's files. Silent (/S): the same
; checks, the message's default answer (stop), exit status 2.

Unicode true
ManifestDPIAware true
!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!ifndef SOURCE_DIR
  !error "SOURCE_DIR (the PyInstaller folder dist\nianbao) is required"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "nianbao-setup-${VERSION}.exe"
!endif

!define APP_NAME "年报检查"
!define APP_ID "{6F1C2B7E-3D84-4B9A-A5E2-7C0D9F41B8A3}"
!define APP_EXE "nianbao.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define APP_KEY "Software\NianbaoCheck"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\NianbaoCheck"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_NAME}"

!define MUI_ICON "..\..\resources\icon.ico"
!define MUI_UNICON "..\..\resources\icon.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP_NAME}"
!define MUI_WELCOMEPAGE_TEXT "${APP_NAME}用于在提交前检查《政府信息公开工作年度报告》：法定六部分是否齐全、格式是否符合年度要求、表格数据是否平衡。$\r$\n$\r$\n本程序安装在您自己的用户目录中，不需要管理员权限，也不需要联网。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行 ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

!define NEEDS_WINDOWS "${APP_NAME}需要64位的Windows 10或Windows 11。这台电脑的Windows版本太旧（或是32位的），无法安装。$\r$\n$\r$\n请在Windows 10/11的电脑上安装，或联系技术支持。"
!define CLOSE_FIRST "${APP_NAME}正在运行。请先关闭所有${APP_NAME}窗口，再点击“重试”。$\r$\n$\r$\n点击“取消”将不做任何改动并退出。"

Function .onInit
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${NEEDS_WINDOWS}" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

; A running program's .exe cannot be opened for writing on Windows: that is how a running copy is found.
!macro CLOSE_RUNNING_COPY
  ${ForEach} $R1 0 1 + 1
    ${If} $R1 == 0
      StrCpy $R2 "$INSTDIR\nianbao.exe"
    ${Else}
      StrCpy $R2 "$INSTDIR\nianbao-cli.exe"
    ${EndIf}
    ${Do}
      ${IfNot} ${FileExists} "$R2"
        ${Break}
      ${EndIf}
      ClearErrors
      FileOpen $R3 "$R2" a
      ${IfNot} ${Errors}
        FileClose $R3
        ${Break}
      ${EndIf}
      ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${CLOSE_FIRST}" /SD IDCANCEL IDCANCEL`
        SetErrorLevel 2
        Quit
      ${EndIf}
    ${Loop}
  ${Next}
!macroend

Section "${APP_NAME}" SecMain
  !insertmacro CLOSE_RUNNING_COPY
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files only; stale libraries of the old version go first.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  !insertmacro CLOSE_RUNNING_COPY
FunctionEnd

Section "Uninstall"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd
