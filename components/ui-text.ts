import { configs } from '@slidev/client'

// The words the shared components put on slides, in each deck language (headmatter `lang`).
const TEXT = {
  en: {
    thanks: 'Thank you!',
    allTalks: 'All talks',
    pdf: 'Slides as PDF',
    video: 'Video',
    downloadPdf: 'Download the PDF',
    handout: 'Slides with notes (PDF)',
    downloadHandout: 'Download the slides with their notes',
    scan: 'These slides',
    run: 'Run',
    stop: 'Stop',
    edit: 'Edit',
    showFile: 'Show the file',
    running: 'Running…',
    doneIn: (ms: number) => `Done in ${ms} ms`,
    stopped: (s: number) => `Stopped: still running after ${s} s`,
    capped: (lines: number, kB: number) => `Stopped: the output passed ${lines} lines or ${kB} kB`,
    lost: 'Stopped: the snippet stopped answering; it probably ran out of memory',
    notStarted: 'The runner could not start in this browser',
    slideOf: (no: number, total: number, title: string) => `Slide ${no} of ${total}${title ? `: ${title}` : ''}`,
  },
  fr: {
    thanks: 'Merci\u00A0!',
    allTalks: 'Toutes les présentations',
    pdf: 'Les diapositives en PDF',
    video: 'La vidéo',
    downloadPdf: 'Télécharger le PDF',
    handout: 'Les diapositives et leurs notes (PDF)',
    downloadHandout: 'Télécharger les diapositives avec leurs notes',
    scan: 'Ces diapositives',
    run: 'Exécuter',
    stop: 'Arrêter',
    edit: 'Modifier',
    showFile: 'Revenir au fichier',
    running: 'En cours…',
    doneIn: (ms: number) => `Terminé en ${ms}\u00A0ms`,
    stopped: (s: number) => `Arrêté\u00A0: toujours en cours après ${s}\u00A0s`,
    capped: (lines: number, kB: number) => `Arrêté\u00A0: la sortie a dépassé ${lines}\u00A0lignes ou ${kB}\u00A0ko`,
    lost: 'Arrêté\u00A0: le programme ne répond plus\u00A0; il a sans doute épuisé la mémoire',
    notStarted: 'L\u2019exécution n\u2019a pas pu démarrer dans ce navigateur',
    slideOf: (no: number, total: number, title: string) => `Diapositive ${no} sur ${total}${title ? `\u00A0: ${title}` : ''}`,
  },
}

export type UiText = typeof TEXT.en

/** The shared components' words in this deck's language. */
export const uiText: UiText = TEXT[((configs as { lang?: string }).lang ?? 'en').split('-')[0] === 'fr' ? 'fr' : 'en']
