/**
 * The survey's own words in Spanish, all of them: a word added in English must be translated
 * here too, or the type-checker refuses the build.
 */
import type { UiTexts } from './texts.js';

export const es: UiTexts = {
  start: 'Empezar la encuesta',
  consentAgree: 'He leído esto y acepto participar',
  next: 'Siguiente',
  back: 'Atrás',
  finish: 'Terminar',
  resumeTitle: '¿Tiene un código?',
  resumeHelp:
    'Escriba el código de seis palabras que anotó para seguir donde lo dejó, o el código de panel que recibió al final de una ola anterior para participar en esta.',
  resumeField: 'Su código (seis palabras)',
  resumeButton: 'Continuar',
  resumeWrong:
    'No se encontró ninguna encuesta con este código. Revise las palabras e inténtelo de nuevo.',
  resumeTooMany: 'Demasiados intentos. Espere unos minutos e inténtelo de nuevo.',
  yourCode: 'Su código para continuar',
  yourCodeHelp:
    'Anote estas seis palabras para continuar la encuesta más tarde o en otro dispositivo. No las comparta.',
  progress: 'Progreso',
  pageOfAbout: 'Página {page} de unas {of}',
  pageOfLast: 'Página {page} de {of}',
  errorsTitle: 'Revise estas respuestas:',
  moreQuestions: 'Sus respuestas abrieron más preguntas en esta página.',
  notApplicable: 'Esa página ya no corresponde según sus respuestas; está usted aquí.',
  notReached: 'Esta es la página en la que está; la página enviada viene después y no se guardó.',
  requiredMissing: 'Faltan respuestas a algunas preguntas obligatorias. Respóndalas para terminar.',
  notOpenTitle: 'La encuesta aún no está abierta',
  notOpenText: 'Esta encuesta aún no está abierta. Vuelva más tarde.',
  closedTitle: 'La encuesta está cerrada',
  closedText: 'Esta encuesta ha terminado. Gracias por su interés.',
  endTitle: 'Gracias',
  formProblemTitle: 'No se pudo recibir este formulario',
  formOnly:
    'Este formulario solo se puede enviar desde la página de la encuesta. Vuelva a la encuesta y envíelo de nuevo.',
  formEncoding: 'El formulario llegó dañado. Vuelva a la encuesta y envíelo de nuevo.',
  fieldTooLong:
    'La respuesta del campo «{field}» es demasiado larga. Acórtela y envíe la página de nuevo.',
  fieldCharacter:
    'El campo «{field}» contiene un carácter que no se puede guardar. Bórrelo y envíe la página de nuevo.',
  fieldInvalid:
    'El campo «{field}» no forma parte de este formulario. Vuelva a la encuesta y envíe la página desde allí.',
  saveFailed:
    'Sus respuestas no se pudieron guardar tal como llegaron. Revíselas y envíe la página de nuevo.',
  notFoundTitle: 'Encuesta no encontrada',
  notFoundText: 'Este enlace no lleva a ninguna encuesta. Revíselo, por favor.',
  tooManyTitle: 'Inténtelo más tarde',
  tooManyText:
    'Demasiadas personas empezaron la encuesta desde su red hace un momento. Inténtelo de nuevo en unos minutos.',
  chooseCountry: 'Elija un país',
  otherSpecify: 'Especifique, por favor',
  optional: 'opcional',
  language: 'Idioma',
  honeypot: 'Deje este campo vacío',
  expiredForm:
    'Esta página estuvo abierta demasiado tiempo o se envió dos veces. Revise sus respuestas y envíela de nuevo.',
  expiredTitle: 'Envíe la página de nuevo',
  tooLargeTitle: 'La página es demasiado larga para enviarla',
  tooLargeText:
    'Sus respuestas en esta página son demasiado largas para enviarlas. Use el botón Atrás del navegador, acorte la respuesta más larga y envíe la página de nuevo.',
  panelOnlyText:
    'Por ahora esta encuesta está abierta solo a quienes participan en el panel. Si recibió un código de panel, escríbalo abajo. Los demás: vuelvan más tarde, por favor.',
  panelTitle: '¿Participará de nuevo?',
  panelChoice: '¿Cómo podemos volver a preguntarle?',
  panelEmail: 'Dejar una dirección de correo electrónico',
  panelEmailField: 'Correo electrónico',
  panelMessenger: 'Dejar un nombre de mensajería (Telegram, Signal, WhatsApp)',
  panelHandleField: 'Nombre de mensajería o número de teléfono',
  panelHandleHint: 'Por ejemplo @nombre, o un número de teléfono con su prefijo de país.',
  panelCode: 'Recibir un código de panel y no dejar ningún contacto',
  panelCodeHint: 'Seis palabras para anotar y escribir en la primera página de la próxima ola.',
  panelDecline: 'No, no me vuelvan a preguntar',
  panelSend: 'Enviar',
  panelChooseError: 'Elija una de las opciones.',
  panelEmailError: 'Escriba una dirección de correo como nombre@example.org.',
  panelEmailMissing: 'Escriba su correo electrónico o elija otra opción.',
  panelHandleError:
    'Escriba un nombre de mensajería como @nombre (de 4 a 32 letras, cifras o _) o un número de teléfono.',
  panelHandleMissing: 'Escriba su nombre de mensajería o número de teléfono, o elija otra opción.',
  panelNoContacts:
    'Esta encuesta no puede guardar contactos. Reciba un código de panel o rechace, por favor.',
  panelCodeTitle: 'Su código de panel',
  panelCodeWrite:
    'Anote ahora estas seis palabras, en papel o en un lugar seguro. No las conocemos y no podremos mostrarlas de nuevo.',
  panelCodeUse:
    'Con este código puede participar en la próxima ola sin dejar ningún contacto: escríbalo en la casilla «¿Tiene un código?» de la primera página de la encuesta.',
  panelContactText:
    'Le invitaremos a la próxima ola. Su contacto se cifró de inmediato: solo el equipo de investigación puede leerlo. Cada invitación trae un enlace para no recibir más.',
  panelDeclineText: 'No le volveremos a preguntar. Gracias por participar.',
  panelAlready: 'Ya participa en el panel. ¡Gracias!',
  inviteStart: 'Acepto: empezar la encuesta',
  linkUsedTitle: 'Este enlace ya se usó',
  linkUsedText:
    'Este enlace personal ya se usó para empezar la encuesta. Continúe en el dispositivo donde empezó o con su código para continuar.',
  linkContinue: 'Continuar la encuesta en este dispositivo',
  optOutTitle: '¿No recibir más invitaciones?',
  optOutText:
    'Pulse el botón para no recibir más invitaciones a esta encuesta. Las respuestas que ya dio se conservan.',
  optOutButton: 'No enviar más invitaciones',
  optOutDoneTitle: 'No habrá más invitaciones',
  optOutDoneText: 'No recibirá más invitaciones a esta encuesta. Gracias por participar.',
  deviceTitle: 'Lo que esta encuesta guarda en este dispositivo',
  deviceItems: [
    'lg_s: cuál respuesta es la suya, para que pueda continuar aquí. 30 días; una hora después de terminar.',
    'lg_d: un número al azar, para notar si un mismo navegador responde dos veces esta encuesta. 30 días.',
    'lg_lang: su idioma. 30 días.',
    '_csrf: protege los formularios contra falsificaciones. Hasta que se cierre el navegador.',
    'Nada más: ni respuestas ni código para continuar. El servidor guarda sus respuestas, un hash de lg_s y un hash de lg_d cifrado con una clave secreta de este servidor; nunca su dirección IP ni los datos de su dispositivo.',
    '«Salir y borrar este dispositivo», al pie de cada página, lo elimina todo.',
  ],
  leaveButton: 'Salir y borrar este dispositivo',
  leftTitle: 'Este dispositivo quedó borrado',
  leftText:
    'Las cookies de la encuesta se eliminaron de este navegador y su sesión terminó: nada en este dispositivo lleva a sus respuestas.',
  leftCode:
    'Sus respuestas hasta ahora se conservan. Para continuar más tarde, en cualquier dispositivo, escriba su código para continuar en la primera página de la encuesta:',
  leftNoCode:
    'Sus respuestas hasta ahora se conservan. Para continuar más tarde, escriba en la primera página de la encuesta el código de seis palabras que anotó.',
  leftStart: 'Ir a la primera página de la encuesta',
  elsewhereTitle: 'Esta encuesta continúa en otro dispositivo',
  elsewhereText:
    'Su código para continuar se usó en otro dispositivo, así que sus respuestas ahora continúan allí. No se perdió nada de lo que guardó aquí.',
  elsewhereUnsaved: 'Las respuestas de la página que acaba de enviar NO se guardaron.',
  elsewhereHere: 'Para continuar en este dispositivo, escriba su código para continuar aquí abajo.',
};
