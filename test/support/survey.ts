const t = (fi: string, sv: string, en: string) => ({ fi, sv, en });

/** A permit-need survey of two questions: industry needs the environmental permit, building in water the water permit. */
export const PERMIT_NEED_SURVEY = {
  title: t('Tarvitsenko luvan?', 'Behöver jag tillstånd?', 'Do I need a permit?'),
  questions: [
    { id: 'toiminta', text: t('Mitä toimintaa suunnittelet?', 'Vilken verksamhet planerar du?', 'What activity do you plan?'), options: [
      { id: 'teollisuus', text: t('Teollisuuslaitos', 'Industrianläggning', 'Industrial plant') },
      { id: 'maatalous', text: t('Eläinsuoja', 'Djurstall', 'Animal shelter') },
      { id: 'muu', text: t('Muu', 'Annat', 'Other') },
    ] },
    { id: 'vesisto', text: t('Rakennatko vesistöön?', 'Bygger du i ett vattendrag?', 'Will you build in a water body?'), options: [
      { id: 'kylla', text: t('Kyllä', 'Ja', 'Yes') },
      { id: 'ei', text: t('Ei', 'Nej', 'No') },
    ] },
  ],
  rules: [
    { when: [{ questionId: 'toiminta', optionIds: ['teollisuus', 'maatalous'] }], serviceId: 'ymparistolupa', level: 'required',
      reason: t('Teollisuus ja eläinsuojat tarvitsevat ympäristöluvan.', 'Industri och djurstall behöver miljötillstånd.', 'Industry and animal shelters need an environmental permit.') },
    { when: [{ questionId: 'vesisto', optionIds: ['kylla'] }], serviceId: 'vesitalouslupa', level: 'possibly_required',
      reason: t('Vesistöön rakentaminen voi vaatia vesitalousluvan.', 'Byggande i vattendrag kan kräva tillstånd enligt vattenlagen.', 'Building in a water body may need a water resources permit.') },
    { when: [{ questionId: 'vesisto', optionIds: ['kylla'] }, { questionId: 'toiminta', optionIds: ['teollisuus'] }], serviceId: 'vesitalouslupa', level: 'required',
      reason: t('Teollisuuslaitoksen vesistörakentaminen vaatii vesitalousluvan.', 'En industrianläggnings byggande i vattendrag kräver tillstånd.', 'An industrial plant building in a water body needs a water resources permit.') },
  ],
};
