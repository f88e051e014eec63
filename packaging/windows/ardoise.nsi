; Ardoise's Windows installer, packed on Linux by Debian's makensis (scripts/package builds the files and
; calls it). It installs the window (ardoise-desktop.exe with the WebView2Loader.dll the gnu build loads)
; into Program Files, the `ardoise` command line into its bin folder on the system PATH, a Start-menu
; shortcut and an uninstaller listed in "Add or remove programs". The user's ledgers, in
; %APPDATA%\fr.ardoise.app, are never touched: uninstalling keeps them.
;
; Defines given by scripts/package (makensis -D...):
;   VERSION      the version of Cargo.toml, e.g. 0.1.0
;   STAGE        folder holding ardoise-desktop.exe, WebView2Loader.dll and bin\ardoise.exe
;   OUTFILE      the installer to write, e.g. dist/Ardoise-0.1.0-setup.exe
;   ICON         the application icon (.ico)
;   WEBVIEW2_BOOTSTRAPPER  (optional) Microsoft's MicrosoftEdgeWebview2Setup.exe: when given, it is
;                embedded and run when WebView2 is missing; otherwise the installer explains where to get it.

Unicode true
; A 64-bit installer for a 64-bit program: Program Files and the registry are the native ones, no
; redirection to "Program Files (x86)" or WOW6432Node.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef VERSION | STAGE | OUTFILE | ICON
  !error "Definitions VERSION, STAGE, OUTFILE and ICON are required (scripts/package gives them)."
!endif

!define PRODUCT "Ardoise"
!define PUBLISHER "Ardoise"
!define APP_EXE "ardoise-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define ENVIRONMENT_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
; Microsoft's client id of the Evergreen WebView2 Runtime in EdgeUpdate's registry keys.
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
; Microsoft's permanent link to the Evergreen Bootstrapper, and the page that explains the runtime.
!define WEBVIEW2_DOWNLOAD "https://go.microsoft.com/fwlink/p/?LinkId=2124703"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

; Windows wants four numbers in the version resource; Cargo's version has three.
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation d'${PRODUCT}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "Licence MIT"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinMessages.nsh"
!include "WinVer.nsh"
!include "StrFunc.nsh"

; String functions used below (StrFunc declares each before use, separately for the uninstaller).
${StrStr}
${UnStrRep}

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchAsUser
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Ardoise va être désinstallé. Vos registres (dossier %APPDATA%\fr.ardoise.app) sont conservés ; supprimez ce dossier vous-même si vous n'en voulez plus."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

Function .onInit
  SetShellVarContext all
  ; WebView2, hence Ardoise's window, needs Windows 10 or later; the command line runs anyway.
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONEXCLAMATION "Ardoise demande Windows 10 ou plus récent : sur ce système, sa fenêtre risque de ne pas s'ouvrir." /SD IDOK
  ${EndIf}
FunctionEnd

Section "Ardoise" SectionMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\${APP_EXE}"
  File "${STAGE}\WebView2Loader.dll"
  ; The command line sits apart, in bin\, so that the PATH gains ardoise.exe alone and not the DLL.
  SetOutPath "$INSTDIR\bin"
  File "${STAGE}\bin\ardoise.exe"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Relances et impayés pour entrepreneurs individuels"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call AddToPath
  Call EnsureWebView2
SectionEnd

; Adds $INSTDIR\bin to the system PATH, once. NSIS strings hold NSIS_MAX_STRLEN characters: a longer
; PATH cannot be read whole, and writing back a cut one would break the machine, so then the PATH is
; left alone and the user is told where ardoise.exe is.
Function AddToPath
  ClearErrors
  ReadRegStr $0 HKLM "${ENVIRONMENT_KEY}" "Path"
  ${If} ${Errors}
    Goto too_long
  ${EndIf}
  ${StrStr} $1 ";$0;" ";$INSTDIR\bin;"
  ${If} $1 != ""
    DetailPrint "Le dossier $INSTDIR\bin est déjà dans le PATH."
    Return
  ${EndIf}
  ; Without a trailing separator, so that the entry can be found and removed again as ";entry;".
  ${If} $0 == ""
    StrCpy $1 "$INSTDIR\bin"
  ${Else}
    StrCpy $2 $0 1 -1
    ${If} $2 == ";"
      StrCpy $1 "$0$INSTDIR\bin"
    ${Else}
      StrCpy $1 "$0;$INSTDIR\bin"
    ${EndIf}
  ${EndIf}
  StrLen $2 $1
  ${If} $2 >= ${NSIS_MAX_STRLEN}
    Goto too_long
  ${EndIf}
  WriteRegExpandStr HKLM "${ENVIRONMENT_KEY}" "Path" $1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "PathEntry" 1
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  DetailPrint "La commande ardoise est ajoutée au PATH ($INSTDIR\bin)."
  Return
  too_long:
    DetailPrint "PATH trop long pour être modifié sans risque : la commande est $INSTDIR\bin\ardoise.exe."
    MessageBox MB_OK|MB_ICONINFORMATION "Le PATH de ce système est trop long pour que l'installation le modifie sans risque.$\r$\n$\r$\nLa commande en ligne est installée ici : $INSTDIR\bin\ardoise.exe$\r$\nAjoutez ce dossier au PATH vous-même si vous voulez taper « ardoise » dans un terminal." /SD IDOK
FunctionEnd

; WebView2 is the browser engine Ardoise's window draws with (present on Windows 11, installed by Edge
; or Office on most Windows 10). Microsoft's documented check: a version "pv" in one of EdgeUpdate's
; client keys, per machine (WOW6432Node on 64-bit Windows) or per user.
Function EnsureWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    DetailPrint "WebView2 présent (version $0)."
    Return
  ${EndIf}

!ifdef WEBVIEW2_BOOTSTRAPPER
  DetailPrint "Installation de Microsoft Edge WebView2…"
  SetOutPath "$PLUGINSDIR"
  File "/oname=MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_BOOTSTRAPPER}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
  SetOutPath "$INSTDIR"
  ${If} $1 == 0
    DetailPrint "WebView2 installé."
    Return
  ${EndIf}
  DetailPrint "L'installation de WebView2 a échoué (code $1)."
!endif

  DetailPrint "WebView2 est absent : la fenêtre d'Ardoise ne s'ouvrira pas sans lui (la commande ardoise fonctionne)."
  MessageBox MB_YESNO|MB_ICONEXCLAMATION "Ardoise a besoin de Microsoft Edge WebView2 pour afficher sa fenêtre, et il n'est pas installé sur cet ordinateur.$\r$\n$\r$\nC'est un composant gratuit de Microsoft : ouvrez ${WEBVIEW2_PAGE}, choisissez « Evergreen Bootstrapper », téléchargez-le et lancez-le, puis démarrez Ardoise.$\r$\n$\r$\nTélécharger l'installateur de WebView2 maintenant ?" /SD IDNO IDNO done
    ExecShell "open" "${WEBVIEW2_DOWNLOAD}"
  done:
FunctionEnd

; The installer runs elevated; starting the app through Explorer starts it as the signed-in user, whose
; %APPDATA% holds the ledger, and lets files be dropped on its window.
Function LaunchAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${APP_EXE}"'
FunctionEnd

Function un.onInit
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\bin\ardoise.exe"
  RMDir "$INSTDIR\bin"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ReadRegDWORD $0 HKLM "${UNINSTALL_KEY}" "PathEntry"
  ${If} $0 == 1
    Call un.RemoveFromPath
  ${EndIf}
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; Removes the entry AddToPath wrote, wherever it stands in the PATH now.
Function un.RemoveFromPath
  ClearErrors
  ReadRegStr $0 HKLM "${ENVIRONMENT_KEY}" "Path"
  StrLen $2 $0
  IntOp $2 $2 + 2
  ${If} ${Errors}
  ${OrIf} $2 >= ${NSIS_MAX_STRLEN}
    DetailPrint "PATH trop long pour être modifié sans risque : retirez-en vous-même $INSTDIR\bin."
    Return
  ${EndIf}
  ${UnStrRep} $1 ";$0;" ";$INSTDIR\bin;" ";"
  ; Drop the separators added around the value for the search.
  StrCpy $1 $1 "" 1
  StrCpy $1 $1 -1
  ${If} $1 != $0
    WriteRegExpandStr HKLM "${ENVIRONMENT_KEY}" "Path" $1
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
FunctionEnd
