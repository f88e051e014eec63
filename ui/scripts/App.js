// @ts-check
/**
 * The window as a whole: the first-start choice, then the sidebar and one page at a time in the content
 * area. Pages get their data from here and report what the user did; this module decides where to go
 * next and talks to the core through `api.js`.
 */

import * as api from './api.js';
import { BackupList } from './BackupList.js';
import { ClientForm } from './ClientForm.js';
import { ClientList } from './ClientList.js';
import { ClientView } from './ClientView.js';
import { Dashboard } from './Dashboard.js';
import { DispatchForm } from './DispatchForm.js';
import { el } from './dom.js';
import { ErrorBanner } from './ErrorBanner.js';
import { EnvelopeSettings } from './EnvelopeSettings.js';
import { EventForm } from './EventForm.js';
import { FirstStart } from './FirstStart.js';
import { ImportPage } from './ImportPage.js';
import { InvoiceForm } from './InvoiceForm.js';
import { LetterBatch } from './LetterBatch.js';
import { LetterList } from './LetterList.js';
import { LetterView } from './LetterView.js';
import { PaymentForm } from './PaymentForm.js';
import { PlanEditor } from './PlanEditor.js';
import { PlanList } from './PlanList.js';
import { PostageSettings } from './PostageSettings.js';
import { ProfileForm } from './ProfileForm.js';
import { RatesEditor } from './RatesEditor.js';
import { RejectionForm } from './RejectionForm.js';
import { Settings } from './Settings.js';
import { Sidebar } from './Sidebar.js';
import { TemplateEditor } from './TemplateEditor.js';

/** @typedef {import('./api.js').AppStatus} AppStatus */
/** @typedef {import('./api.js').ClientDetail} ClientDetail */
/** @typedef {import('./Sidebar.js').Section} Section */

/**
 * @param {HTMLElement} root
 * @returns {{ start: () => Promise<void> }}
 */
export function App(root) {
  /** @type {AppStatus} */
  let status = { ledger_path: '', needs_choice: false, today: '' };
  /** Increases with every page shown, so that a slow load never replaces a newer page. */
  let navigation = 0;
  let readySent = false;
  /** @type {Record<string, number>} Start-up timing marks, sent with ui_ready for the benchmark. */
  const marks = {};
  /** The client whose page is open or whose form is open, as last loaded. */
  /** @type {ClientDetail | null} */
  let currentDetail = null;

  const banner = ErrorBanner();
  const sidebar = Sidebar({ onNavigate: navigate });
  const page = el('div', { class: 'content-page' });
  const content = el('main', { class: 'content', attrs: { id: 'content', tabindex: -1 } }, [banner.element, page]);
  const shell = el('div', { class: 'app-shell' }, [sidebar.element, content]);

  const importPage = ImportPage({
    pick: api.importPickFile,
    preview: api.importPreview,
    commit: api.importCommit,
    history: api.importHistory,
    undo: api.importUndo,
  });
  /** The proposals on the dashboard, as last loaded. */
  /** @type {import('./api.js').Proposal[]} */
  let currentProposals = [];
  const dashboard = Dashboard({
    onOpenClient: showClient,
    onShowClients: showClients,
    onDecide: (clientId, action) => decideProposal(clientId, action, showDashboard),
    onPlan: (clientId) => draftPlan(clientId, showDashboard),
  });
  const clientList = ClientList({ onOpenClient: showClient, onNewClient: () => openClientForm(null) });
  const clientView = ClientView({
    onBack: showClients,
    onEdit: () => currentDetail && openClientForm(currentDetail),
    onNewInvoice: () => currentDetail && openInvoiceForm(currentDetail, null),
    onEditInvoice: (invoiceId) => currentDetail && openInvoiceForm(currentDetail, invoiceId),
    onNewPayment: () => currentDetail && openPaymentForm(currentDetail),
    onRejectPayment: (paymentId) => currentDetail && openRejectionForm(currentDetail, paymentId),
    onDeletePayment: deletePayment,
    onNewEvent: () => currentDetail && openEventForm(currentDetail),
    onNewLetter: () => currentDetail && openLetterPicker(currentDetail),
    onNewPlan: () => currentDetail && draftPlan(currentDetail.client.id, () => showClient(currentDetail ? currentDetail.client.id : 0)),
    onCloseEvent: closeEvent,
    onDecide: (clientId, action) => decideProposal(clientId, action, () => showClient(clientId)),
    loadPenalties: api.penaltiesGet,
  });

  window.addEventListener('unhandledrejection', (event) => {
    banner.update(api.toApiError(event.reason).message);
  });

  async function start() {
    marks.start = performance.now();
    try {
      status = await api.appStatus();
      marks.status = performance.now();
    } catch (error) {
      root.replaceChildren(el('div', { class: 'fatal' }, [
        el('h1', { text: 'Ardoise ne peut pas ouvrir le registre' }),
        el('p', { text: api.toApiError(error).message }),
      ]));
      signalReady();
      return;
    }
    if (status.needs_choice) {
      showFirstStart();
      signalReady();
    } else {
      mountShell();
      await showDashboard();
      signalReady();
    }
  }

  /** Tells the shell once that the first screen is on the glass; nobody waits for the answer. */
  function signalReady() {
    if (readySent) {
      return;
    }
    readySent = true;
    marks.drawn = performance.now();
    requestAnimationFrame(() => {
      marks.frame = performance.now();
      const rounded = Object.fromEntries(Object.entries(marks).map(([name, ms]) => [name, Math.round(ms)]));
      api.uiReady(rounded).catch(() => {});
    });
  }

  function showFirstStart() {
    const firstStart = FirstStart({
      async onChoose(choice) {
        firstStart.update({ busy: true, error: null });
        try {
          await api.startLedger(choice);
        } catch (error) {
          firstStart.update({ busy: false, error: api.toApiError(error).message });
          return;
        }
        status = { ...status, needs_choice: false };
        mountShell();
        await showDashboard();
      },
    });
    firstStart.update({ busy: false, error: null });
    root.replaceChildren(firstStart.element);
    const demo = /** @type {HTMLElement | null} */ (firstStart.element.querySelector('#start-demo'));
    if (demo) {
      demo.focus();
    }
  }

  function mountShell() {
    sidebar.update({ active: 'dashboard', ledgerPath: status.ledger_path });
    root.replaceChildren(shell);
    // A file dropped anywhere on the window opens the import page on it.
    api.importWatchDrops((path) => showImport(path)).catch((error) => banner.update(api.toApiError(error).message));
  }

  /** @param {Section} section */
  function navigate(section) {
    if (section === 'dashboard') {
      showDashboard();
    } else if (section === 'clients') {
      showClients();
    } else if (section === 'import') {
      showImport(null);
    } else if (section === 'settings') {
      showSettings();
    } else if (section === 'letters') {
      showLetters();
    } else if (section === 'plans') {
      showPlans();
    } else {
      showProfile();
    }
  }

  /**
   * Loads a page's data, then shows it, unless the user went elsewhere in the meantime. A failed load
   * leaves the current page and says why in the banner.
   * @param {Section} section
   * @param {() => Promise<() => void>} load resolves to the function that shows the page
   */
  async function go(section, load) {
    navigation += 1;
    const mine = navigation;
    banner.update(null);
    sidebar.update({ active: section, ledgerPath: status.ledger_path });
    try {
      const show = await load();
      if (mine === navigation) {
        show();
      }
    } catch (error) {
      if (mine === navigation) {
        banner.update(api.toApiError(error).message);
      }
    }
  }

  /**
   * Puts a page in the content area.
   * @param {HTMLElement} element
   * @param {(() => void) | null} [focus] where the keyboard goes; the content area when not given
   */
  function setPage(element, focus = null) {
    if (page.firstChild !== element || page.childNodes.length !== 1) {
      page.replaceChildren(element);
    }
    content.scrollTop = 0;
    if (focus) {
      focus();
    } else {
      content.focus({ preventScroll: true });
    }
  }

  /**
   * Shows a form right away (its data is already at hand).
   * @param {Section} section
   * @param {{ element: HTMLElement, focus: () => void }} view
   */
  function showForm(section, view) {
    navigation += 1;
    banner.update(null);
    sidebar.update({ active: section, ledgerPath: status.ledger_path });
    setPage(view.element, view.focus);
  }

  function showDashboard() {
    return go('dashboard', async () => {
      const [figures, clients, proposals, cash] = await Promise.all([api.dashboard(), api.clientList(), api.proposals(), api.planCash()]);
      marks.data = marks.data || performance.now();
      return () => {
        currentProposals = proposals;
        dashboard.update({ figures, clients, proposals: { proposals }, cash });
        setPage(dashboard.element);
      };
    });
  }

  function showClients() {
    return go('clients', async () => {
      const clients = await api.clientList();
      return () => {
        clientList.update(clients);
        setPage(clientList.element, clientList.focus);
      };
    });
  }

  /** @param {number} id */
  function showClient(id) {
    return go('clients', async () => {
      const detail = await api.clientDetail(id);
      return () => {
        currentDetail = detail;
        clientView.update({ detail });
        setPage(clientView.element);
      };
    });
  }

  /**
   * The import page, previewing `path` when a file was dropped.
   * @param {string | null} path
   */
  function showImport(path) {
    return go('import', async () => {
      const imports = await api.importHistory();
      return () => {
        importPage.update(imports);
        setPage(importPage.element);
        if (path) {
          importPage.open(path);
        }
      };
    });
  }

  function showProfile() {
    return go('profile', async () => {
      const profile = await api.profileGet();
      return () => {
        const form = ProfileForm({
          async onSave(edited) {
            await api.profileSave(edited);
            try {
              form.update({ profile: await api.profileGet(), ledgerPath: status.ledger_path, saved: true });
            } catch (error) {
              banner.update(api.toApiError(error).message);
            }
          },
          onCancel: showDashboard,
        });
        form.update({ profile, ledgerPath: status.ledger_path });
        setPage(form.element, form.focus);
      };
    });
  }

  /**
   * Accepts, skips or snoozes a client's proposal, then reloads the page it was decided on; a refusal is
   * shown on the card (dashboard) or in the banner (client page).
   * @param {number} clientId
   * @param {import('./api.js').ProposalAction} action
   * @param {() => Promise<void>} reload
   */
  async function decideProposal(clientId, action, reload) {
    const onDashboard = page.firstChild === dashboard.element;
    if (onDashboard) {
      dashboard.proposalList.update({ proposals: currentProposals, busyClientId: clientId });
    }
    try {
      await api.proposalDecide(clientId, action);
    } catch (error) {
      const message = api.toApiError(error).message;
      if (onDashboard) {
        dashboard.proposalList.update({ proposals: currentProposals, error: { clientId, message } });
      } else {
        banner.update(message);
      }
      return;
    }
    await reload();
  }

  function showSettings() {
    return go('settings', async () => {
      const [settings, rateTable, backupFiles] = await Promise.all([
        api.dunningSettings(), api.ratesGet(), api.backupList(),
      ]);
      return () => {
        const rates = RatesEditor({
          async onSave(rows) {
            rates.update({ table: await api.ratesSave(rows), saved: true });
          },
        });
        rates.update({ table: rateTable });
        const backups = backupSection(backupFiles);
        const view = Settings({
          async onSaveLadder(rows) {
            try {
              await api.ladderSave(rows);
            } catch (error) {
              const refused = api.toApiError(error);
              const messages = refused.fields.length > 0 ? refused.fields.map((f) => f.message) : [refused.message];
              view.update({ settings, ladderError: messages });
              return;
            }
            view.update({ settings: await api.dunningSettings(), ladderSaved: true });
          },
          async onResetLadder() {
            await api.ladderReset();
            view.update({ settings: await api.dunningSettings() });
          },
          async onSaveOptions(threshold, termsDays) {
            try {
              await api.dunningOptionsSave(threshold, termsDays);
            } catch (error) {
              const refused = api.toApiError(error);
              view.update({
                settings,
                optionsError: refused.fields.length > 0 ? refused.fields.map((f) => f.message).join(' ') : refused.message,
              });
              return;
            }
            view.update({ settings: await api.dunningSettings(), optionsSaved: true });
          },
        }, [rates.element, backups.element]);
        view.update({ settings });
        setPage(el('div', { class: 'settings-page' }, [view.element, ...letterSettings(), postageSettings()]));
      };
    });
  }

  /** The dated prices of registered letters (F7), in the settings page. */
  function postageSettings() {
    const view = PostageSettings({
      async onSave(rows) {
        try {
          view.update({ rows: (await api.postagePricesSave({ rows })).rows, done: 'Tarifs enregistrés.' });
        } catch (error) {
          const refused = api.toApiError(error);
          view.update({ rows, error: refused.fields.length ? refused.fields.map((f) => f.message).join(' ') : refused.message });
        }
      },
    });
    api.postagePricesGet().then((table) => view.update({ rows: table.rows }), (error) => banner.update(api.toApiError(error).message));
    return view.element;
  }

  /**
   * The letters' sections of the settings page: template copies and envelope offsets.
   * @returns {HTMLElement[]}
   */
  function letterSettings() {
    const templates = TemplateEditor({
      async onSave(name, source) {
        try {
          templates.update({ templates: await api.templateSave(name, source), selected: name, done: 'Votre version du modèle est enregistrée.' });
        } catch (error) {
          templates.update({ templates: currentTemplates, selected: name, error: api.toApiError(error).message });
        }
      },
      async onRestore(name) {
        currentTemplates = await api.templateRestore(name);
        templates.update({ templates: currentTemplates, selected: name, done: 'Le modèle d’origine est rétabli.' });
      },
    });
    /** @type {import('./api.js').TemplateEntry[]} */
    let currentTemplates = [];
    api.templateList().then((list) => {
      currentTemplates = list;
      templates.update({ templates: list });
    }, (error) => banner.update(api.toApiError(error).message));
    const envelope = EnvelopeSettings({
      async onSave(options) {
        try {
          envelope.update({ options: await api.envelopeSave(options), done: 'Décalages enregistrés.' });
        } catch (error) {
          const refused = api.toApiError(error);
          envelope.update({ options, error: refused.fields.length > 0 ? refused.fields.map((f) => f.message).join(' ') : refused.message });
        }
      },
      async onCalibration() {
        const options = await api.envelopeGet();
        try {
          const path = await api.calibrationExport();
          envelope.update({ options, done: path ? `Page de calibrage enregistrée : ${path}` : null });
        } catch (error) {
          envelope.update({ options, error: api.toApiError(error).message });
        }
      },
    });
    api.envelopeGet().then((options) => envelope.update({ options }), (error) => banner.update(api.toApiError(error).message));
    return [templates.element, envelope.element];
  }

  /** Today's letters, to open one or export them all; then every letter with its dispatch. */
  function showLetters() {
    return go('letters', async () => {
      const letters = await api.letterBatch();
      const all = await api.dispatchLetters();
      return () => {
        const list = dispatchList(all);
        const batch = LetterBatch({
          onOpen: (letterId) => showLetter(letterId, showLetters),
          async onExport(single) {
            batch.update({ letters, progress: { done: 0, total: letters.length } });
            try {
              const files = await api.letterBatchExport(single, (progress) => batch.update({ letters, progress }));
              batch.update({ letters: await api.letterBatch(), done: files ? `${files.length} fichier(s) enregistré(s) : ${files.join(', ')}` : null });
            } catch (error) {
              batch.update({ letters, error: api.toApiError(error).message });
            }
          },
        });
        batch.update({ letters });
        setPage(el('div', { class: 'letters-page' }, [batch.element, list.element]));
      };
    });
  }

  /**
   * Every letter with its dispatch, the deposit list and the dossier (F7).
   * @param {import('./api.js').LetterLine[]} initial
   */
  function dispatchList(initial) {
    const today = status.today;
    /** @param {() => Promise<string | null>} work @param {(path: string) => string} said */
    const run = async (work, said) => {
      try {
        const path = await work();
        list.update({ letters: initial, today, done: path ? said(path) : null });
      } catch (error) {
        list.update({ letters: initial, today, error: api.toApiError(error).message });
      }
    };
    const list = LetterList({
      onOpen: (letterId) => showDispatch(letterId),
      onDepositList: (date) => run(() => api.depositListExport(date), (path) => `Liste de dépôt enregistrée : ${path}`),
      onDossier: (clientId) => run(() => api.dossierExport(clientId), (path) => `Dossier écrit : ${path}`),
    });
    list.update({ letters: initial, today });
    return list;
  }

  /**
   * One letter's dispatch form.
   * @param {number} letterId
   */
  function showDispatch(letterId) {
    return go('letters', async () => {
      const find = async () => {
        const found = (await api.dispatchLetters()).find((line) => line.id === letterId);
        if (!found) {
          throw api.toApiError(`Courrier n° ${letterId} introuvable : rechargez la page.`);
        }
        return found;
      };
      let letter = await find();
      return () => {
        const today = status.today;
        /** @param {() => Promise<string | null>} work */
        const run = async (work) => {
          form.update({ letter, today, busy: true });
          try {
            const done = await work();
            letter = await find();
            form.update({ letter, today, done });
          } catch (error) {
            form.update({ letter, today, error: api.toApiError(error) });
          }
        };
        const form = DispatchForm({
          onBack: () => showLetters(),
          onSend: (sending) => run(async () => { await api.dispatchSend(letterId, sending); return 'Envoi enregistré ; le PDF est archivé.'; }),
          onDeliver: (delivery) => run(async () => { await api.dispatchDelivery(letterId, delivery); return 'Distribution enregistrée.'; }),
          onAttach: (role) => run(async () => {
            const file = await api.dispatchAttach(letterId, role);
            return file ? `Scan archivé : ${file}` : null;
          }),
        });
        form.update({ letter, today });
        setPage(form.element);
      };
    });
  }

  /**
   * One letter: preview, free text, export.
   * @param {number} letterId
   * @param {() => void} onBack
   */
  function showLetter(letterId, onBack) {
    return go('letters', async () => {
      let letter = await api.letterPreview(letterId);
      return () => {
        const clientName = letter.facts.client.name;
        /** @param {() => Promise<Partial<import('./LetterView.js').LetterViewState>>} work */
        const run = async (work) => {
          view.update({ clientName, letter, busy: true });
          try {
            const result = await work();
            letter = result.letter || letter;
            view.update({ clientName, letter, ...result, busy: false });
          } catch (error) {
            view.update({ clientName, letter, busy: false, error: api.toApiError(error).message });
          }
        };
        const view = LetterView({
          onBack,
          onDraft: () => {},
          onSaveBody: (body) => run(async () => ({ letter: await api.letterSaveBody(letterId, body), done: 'Texte enregistré avec le courrier.' })),
          onResetBody: () => run(async () => ({ letter: await api.letterSaveBody(letterId, ''), done: 'Texte du modèle rétabli.' })),
          onExport: (body) => run(async () => {
            const saved = body.trim() === letter.body.trim() ? letter : await api.letterSaveBody(letterId, body);
            const path = await api.letterExport(letterId);
            return { letter: saved, done: path ? `PDF enregistré : ${path}` : null };
          }),
        });
        view.update({ clientName, letter });
        setPage(view.element, view.focus);
      };
    });
  }

  /**
   * The one click: a plan drafted over the client's overdue invoices, then its editor.
   * @param {number} clientId
   * @param {() => void} onBack
   */
  function draftPlan(clientId, onBack) {
    return go('plans', async () => {
      // A refusal names its reason (no overdue invoice…) rather than the form's generic message.
      const plan = await api.planDraft(clientId, {}).catch((error) => {
        throw { ...api.toApiError(error), message: planError(error) };
      });
      return () => mountPlan(plan, onBack);
    });
  }

  /** Every plan with its status. */
  function showPlans() {
    return go('plans', async () => {
      const plans = await api.planList();
      return () => {
        const list = PlanList({ onOpen: (planId) => showPlan(planId, showPlans) });
        list.update(plans);
        setPage(list.element);
      };
    });
  }

  /**
   * @param {number} planId
   * @param {() => void} onBack
   */
  function showPlan(planId, onBack) {
    return go('plans', async () => {
      const plan = await api.planGet(planId);
      return () => mountPlan(plan, onBack);
    });
  }

  /**
   * The plan editor: every change goes to the core, whose schedule is shown; an answer overtaken by a
   * newer change is dropped.
   * @param {import('./api.js').PlanView} initial
   * @param {() => void} onBack
   */
  function mountPlan(initial, onBack) {
    let plan = initial;
    let asked = 0;
    /** @param {() => Promise<Partial<import('./PlanEditor.js').PlanEditorState>>} work */
    const run = async (work) => {
      asked += 1;
      const mine = asked;
      editor.update({ plan, busy: true });
      try {
        const result = await work();
        if (mine === asked) {
          plan = result.plan || plan;
          editor.update({ plan, ...result, busy: false });
        }
      } catch (error) {
        if (mine === asked) {
          editor.update({ plan, busy: false, error: planError(error) });
        }
      }
    };
    const editor = PlanEditor({
      onBack,
      onChange: (options) => run(async () => ({ plan: await api.planUpdate(plan.id, options) })),
      onExport: () => run(async () => {
        const path = await api.planExport(plan.id);
        return { plan: await api.planGet(plan.id), done: path ? `PDF enregistré : ${path}` : null };
      }),
      onSign: (date) => run(async () => ({ plan: await api.planSign(plan.id, date), done: 'Bon pour accord enregistré : l’échéancier est en cours, les relances de ses factures sont suspendues.' })),
    });
    editor.update({ plan });
    setPage(editor.element, editor.focus);
  }

  /**
   * The choice of a new letter's kind for a client; the letter is drafted, then shown.
   * @param {ClientDetail} detail
   */
  function openLetterPicker(detail) {
    const clientId = detail.client.id;
    return go('clients', async () => {
      const kinds = await api.letterKinds();
      return () => {
        const view = LetterView({
          onBack: () => showClient(clientId),
          async onDraft(kind) {
            try {
              const letterId = await api.letterDraft(clientId, kind);
              await showLetter(letterId, () => showClient(clientId));
            } catch (error) {
              view.update({ clientName: detail.name, kinds, error: api.toApiError(error).message });
            }
          },
          onSaveBody: () => {},
          onResetBody: () => {},
          onExport: () => {},
        });
        view.update({ clientName: detail.name, kinds });
        setPage(view.element, view.focus);
      };
    });
  }

  /**
   * The backups panel of the settings page. A restore replaces the whole ledger, so the window then
   * starts again from the dashboard of the restored ledger.
   * @param {import('./api.js').Backup[]} initial
   */
  function backupSection(initial) {
    let backups = initial;
    const view = BackupList({
      async onCreate() {
        view.update({ backups, busy: true, error: null, done: null });
        try {
          backups = await api.backupCreate();
          view.update({ backups, busy: false, error: null, done: 'Sauvegarde enregistrée.' });
        } catch (error) {
          view.update({ backups, busy: false, error: api.toApiError(error).message, done: null });
        }
      },
      async onRestore(fileName) {
        view.update({ backups, busy: true, error: null, done: null });
        try {
          await api.backupRestore(fileName);
        } catch (error) {
          view.update({ backups, busy: false, error: api.toApiError(error).message, done: null });
          return;
        }
        await showDashboard();
      },
    });
    view.update({ backups, busy: false, error: null, done: null });
    return view;
  }

  /** @param {ClientDetail | null} detail null for a new client */
  function openClientForm(detail) {
    const client = detail ? detail.client : null;
    const form = ClientForm({
      async onSave(fields) {
        const id = await api.clientSave(client ? client.id : null, fields);
        await showClient(id);
      },
      onCancel: () => (client ? showClient(client.id) : showClients()),
    });
    form.update(client);
    showForm('clients', form);
  }

  /**
   * @param {ClientDetail} detail
   * @param {number | null} invoiceId null for a new invoice
   */
  function openInvoiceForm(detail, invoiceId) {
    const invoice = invoiceId === null ? null : detail.invoices.find((line) => line.id === invoiceId) || null;
    const clientId = detail.client.id;
    const form = InvoiceForm({
      async onSave(id, fields) {
        await api.invoiceSave(id, fields);
        await showClient(clientId);
      },
      async onDelete(id) {
        await api.deleteInvoice(id);
        await showClient(clientId);
      },
      onCancel: () => showClient(clientId),
    });
    form.update({ clientId, clientName: detail.name, invoice, today: status.today });
    showForm('clients', form);
  }

  /** @param {ClientDetail} detail */
  function openPaymentForm(detail) {
    const clientId = detail.client.id;
    const form = PaymentForm({
      onSuggest: (amount) => api.paymentSuggest(clientId, amount),
      async onSave(fields) {
        await api.paymentRecord(fields);
        await showClient(clientId);
      },
      onCancel: () => showClient(clientId),
      onError: (message) => banner.update(message),
    });
    showForm('clients', form);
    form.update({ clientId, clientName: detail.name, invoices: detail.invoices, today: status.today });
  }

  /**
   * @param {ClientDetail} detail
   * @param {number} paymentId
   */
  function openRejectionForm(detail, paymentId) {
    const payment = detail.payments.find((p) => p.id === paymentId);
    const clientId = detail.client.id;
    if (!payment) {
      banner.update('Ce règlement est introuvable : la page du client va être rechargée.');
      showClient(clientId);
      return;
    }
    const form = RejectionForm({
      async onSave(id, rejection) {
        await api.paymentReject(id, rejection);
        await showClient(clientId);
      },
      onCancel: () => showClient(clientId),
    });
    form.update({ clientName: detail.name, payment, today: status.today });
    showForm('clients', form);
  }

  /** @param {ClientDetail} detail */
  function openEventForm(detail) {
    const clientId = detail.client.id;
    const form = EventForm({
      async onSave(fields) {
        await api.eventAdd(fields);
        await showClient(clientId);
      },
      onCancel: () => showClient(clientId),
    });
    form.update({ clientId, clientName: detail.name, invoices: detail.invoices, today: status.today });
    showForm('clients', form);
  }

  /**
   * Ends a dispute or lifts a pause as of today, then reloads the client's page.
   * @param {number} eventId
   */
  function closeEvent(eventId) {
    return changeClient({ closingEventId: eventId }, () => api.eventClose(eventId, status.today));
  }

  /**
   * Deletes a payment entered by mistake, then reloads the client's page: the invoices it settled are
   * due again, and the balance and timeline change with them.
   * @param {number} paymentId
   */
  function deletePayment(paymentId) {
    return changeClient({ deletingPaymentId: paymentId }, () => api.deletePayment(paymentId));
  }

  /**
   * Changes the open client from their page: the button pressed waits while the core answers, then the
   * page is reloaded; a failure puts the page back as it was and says why in the banner.
   * @param {Omit<import('./ClientView.js').ClientViewState, 'detail'>} pending which button waits
   * @param {() => Promise<unknown>} change
   */
  async function changeClient(pending, change) {
    const detail = currentDetail;
    if (!detail) {
      return;
    }
    clientView.update({ detail, ...pending });
    try {
      await change();
    } catch (error) {
      clientView.update({ detail });
      banner.update(api.toApiError(error).message);
      return;
    }
    await showClient(detail.client.id);
  }

  return { start };
}

/**
 * What a plan refusal says: the fields' own French reasons, or the message.
 * @param {unknown} error
 * @returns {string}
 */
function planError(error) {
  const found = api.toApiError(error);
  return found.fields.length > 0 ? found.fields.map((f) => f.message).join(' ') : found.message;
}
